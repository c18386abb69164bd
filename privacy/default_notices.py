"""The wording each privacy notice starts with (loaded by migration, so no notice is ever
empty), written for a UK political party under UK GDPR and the Data Protection Act 2018.
Central staff edit it from there in the hub's admin ("Privacy notices")."""

CONSTITUENCY_TITLE = "Privacy notice"

CONSTITUENCY_BODY = """\
<p>This notice explains what {party} and the Labour Party do with the personal \
information you give us through this website, {website}, why, for how long, and your \
rights over it.</p>
<h2>Who is responsible for your information</h2>
<p>The Labour Party is the data controller for the information collected on this \
site. {party} (the local party for {constituency}) uses it on the Labour Party's behalf \
to answer you and to organise locally. You can write to us at {contact_email}, or \
to the Labour Party's data protection team at {data_protection_email}.</p>
<h2>What we collect, and why</h2>
<ul>
<li><b>Signing up to an event</b>: your name, email address, phone number if you give \
it, the event and any shift you chose. We use them to confirm your place, tell you about \
changes to the event and let the organisers know who is coming.</li>
<li><b>Writing to {representative}</b>: your name, email address, postcode and your \
message. We check your email address, then pass your message to {representative} so \
they can reply to you. Your address is not published, and theirs is not shown to \
you.</li>
<li><b>Adding your name to a campaign</b>: your name, email address and postcode, to \
count your support, show the total and, if you asked us to, keep you up to date with \
the campaign.</li>
<li><b>Everyone who visits</b>: our servers note your internet address for a short \
time to stop abuse of the forms (for example, too many messages from one place). We \
set no advertising or tracking cookies.</li>
</ul>
<h2>Your political opinions</h2>
<p>Signing up to a Labour event, writing to a Labour MP or candidate through a Labour \
site or supporting a Labour campaign may reveal your political opinions. The law calls \
this special category data and protects it more closely. We only use it with your \
explicit consent, which you give on the form and confirm from the email we send you.</p>
<h2>Our lawful basis</h2>
<p>We rely on your consent (UK GDPR Article 6(1)(a) and, for political opinions, \
Article 9(2)(a)). Keeping a short record of who did what, and stopping abuse of the \
forms, rests on our legitimate interests (Article 6(1)(f)). You can withdraw your \
consent at any time: every email we send you has a link to cancel or stop, or write to \
{contact_email}. Withdrawing does not affect what we did before.</p>
<h2>Who sees it</h2>
<p>The local party's officers, the organisers of an event you sign up to, \
{representative} for a message you send them, and Labour Party staff who run this \
service. Our hosting and email providers process it for us under contract, in the UK. \
We never sell your information or share it with anyone else for marketing.</p>
<h2>How long we keep it</h2>
<p>Sign-ups are kept until a year after the event, messages until a year after they \
were sent, and a campaign signature while the campaign runs and for a year after; then \
they are deleted. A sign-up or message you never confirm is deleted within days.</p>
<h2>Your rights</h2>
<p>You have the right to ask for a copy of the information we hold about you (a \
subject access request, answered within one month), to have it corrected, to have it \
erased, to restrict or object to how we use it, and to withdraw consent. To ask, write \
to {data_protection_email} or {contact_email} from the email address you used, saying \
what you would like; we may ask you to confirm who you are.</p>
<h2>Complaints</h2>
<p>If you are unhappy with how we have handled your information, please tell us first \
at {data_protection_email}. You also have the right to complain to the Information \
Commissioner's Office (ICO), the UK's data protection regulator: \
<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>, or \
0303 123 1113.</p>
"""

# The constituency notice in Welsh, for the Welsh pages (/cy/privacy/) of the sites that
# offer Welsh: the English above, translated, with the same placeholders. (To be reviewed
# by a Welsh speaker, as all the Welsh is: README.)
CONSTITUENCY_WELSH_TITLE = "Hysbysiad preifatrwydd"

CONSTITUENCY_WELSH_BODY = """\
<p>Mae'r hysbysiad hwn yn egluro beth mae {party} a'r Blaid Lafur yn ei wneud â'r \
wybodaeth bersonol rydych chi'n ei rhoi i ni drwy'r wefan hon, {website}, pam, am ba \
hyd, a'ch hawliau drosti.</p>
<h2>Pwy sy'n gyfrifol am eich gwybodaeth</h2>
<p>Y Blaid Lafur yw rheolydd data'r wybodaeth a gesglir ar y wefan hon. Mae {party} (y \
blaid leol ar gyfer {constituency}) yn ei defnyddio ar ran y Blaid Lafur i'ch ateb ac i \
drefnu'n lleol. Gallwch ysgrifennu atom yn {contact_email}, neu at dîm diogelu data'r \
Blaid Lafur yn {data_protection_email}.</p>
<h2>Beth rydym yn ei gasglu, a pham</h2>
<ul>
<li><b>Cofrestru ar gyfer digwyddiad</b>: eich enw, eich cyfeiriad e-bost, eich rhif \
ffôn os byddwch chi'n ei roi, y digwyddiad ac unrhyw shifft a ddewisoch chi. Rydym yn eu \
defnyddio i gadarnhau eich lle, i roi gwybod i chi am newidiadau i'r digwyddiad ac i roi \
gwybod i'r trefnwyr pwy sy'n dod.</li>
<li><b>Ysgrifennu at {representative}</b>: eich enw, eich cyfeiriad e-bost, eich cod \
post a'ch neges. Rydym yn gwirio eich cyfeiriad e-bost, yna'n trosglwyddo eich neges i \
{representative} fel y gallant eich ateb. Ni chaiff eich cyfeiriad ei gyhoeddi, ac ni \
chaiff eu cyfeiriad nhw ei ddangos i chi.</li>
<li><b>Ychwanegu eich enw at ymgyrch</b>: eich enw, eich cyfeiriad e-bost a'ch cod post, \
i gyfrif eich cefnogaeth, i ddangos y cyfanswm ac, os gofynnoch chi i ni wneud hynny, i \
roi'r wybodaeth ddiweddaraf i chi am yr ymgyrch.</li>
<li><b>Pawb sy'n ymweld</b>: mae ein gweinyddion yn cofnodi eich cyfeiriad rhyngrwyd am \
gyfnod byr i atal camddefnyddio'r ffurflenni (er enghraifft, gormod o negeseuon o un \
lle). Nid ydym yn gosod unrhyw gwcis hysbysebu nac olrhain.</li>
</ul>
<h2>Eich barn wleidyddol</h2>
<p>Gall cofrestru ar gyfer digwyddiad Llafur, ysgrifennu at AS neu ymgeisydd Llafur drwy \
wefan Llafur neu gefnogi ymgyrch Llafur ddatgelu eich barn wleidyddol. Mae'r gyfraith yn \
galw hyn yn ddata categori arbennig ac yn ei ddiogelu'n fwy gofalus. Dim ond gyda'ch \
caniatâd penodol y byddwn ni'n ei ddefnyddio: rydych chi'n ei roi ar y ffurflen ac yn ei \
gadarnhau drwy'r e-bost a anfonwn atoch.</p>
<h2>Ein sail gyfreithlon</h2>
<p>Rydym yn dibynnu ar eich caniatâd (Erthygl 6(1)(a) GDPR y DU ac, ar gyfer barn \
wleidyddol, Erthygl 9(2)(a)). Mae cadw cofnod byr o bwy wnaeth beth, ac atal \
camddefnyddio'r ffurflenni, yn seiliedig ar ein buddiannau dilys (Erthygl 6(1)(f)). \
Gallwch dynnu eich caniatâd yn ôl ar unrhyw adeg: mae dolen i ganslo neu i roi'r gorau \
iddi ym mhob e-bost a anfonwn atoch, neu ysgrifennwch at {contact_email}. Nid yw tynnu'n \
ôl yn effeithio ar yr hyn a wnaethom cyn hynny.</p>
<h2>Pwy sy'n ei gweld</h2>
<p>Swyddogion y blaid leol, trefnwyr digwyddiad rydych chi'n cofrestru ar ei gyfer, \
{representative} ar gyfer neges rydych chi'n ei hanfon atynt, a staff y Blaid Lafur sy'n \
rhedeg y gwasanaeth hwn. Mae ein darparwyr lletya ac e-bost yn ei phrosesu ar ein rhan \
dan gontract, yn y DU. Nid ydym byth yn gwerthu eich gwybodaeth nac yn ei rhannu ag \
unrhyw un arall at ddibenion marchnata.</p>
<h2>Am ba hyd rydym yn ei chadw</h2>
<p>Cedwir cofrestriadau tan flwyddyn ar ôl y digwyddiad, negeseuon tan flwyddyn ar ôl eu \
hanfon, a llofnod ar ymgyrch tra bo'r ymgyrch yn rhedeg ac am flwyddyn wedyn; yna cânt \
eu dileu. Os na fyddwch chi byth yn cadarnhau cofrestriad neu neges, caiff ei ddileu o \
fewn ychydig ddyddiau.</p>
<h2>Eich hawliau</h2>
<p>Mae gennych hawl i ofyn am gopi o'r wybodaeth sydd gennym amdanoch (cais gwrthrych am \
wybodaeth, a atebir o fewn mis), i'w chywiro, i'w dileu, i gyfyngu ar y ffordd rydym yn \
ei defnyddio neu wrthwynebu hynny, ac i dynnu caniatâd yn ôl. I ofyn, ysgrifennwch at \
{data_protection_email} neu {contact_email} o'r cyfeiriad e-bost a ddefnyddiwyd gennych, \
gan ddweud beth yr hoffech chi; efallai y byddwn yn gofyn i chi gadarnhau pwy ydych \
chi.</p>
<h2>Cwynion</h2>
<p>Os nad ydych chi'n fodlon â'r ffordd rydym wedi trin eich gwybodaeth, rhowch wybod i \
ni yn gyntaf yn {data_protection_email}. Mae gennych hawl hefyd i gwyno i Swyddfa'r \
Comisiynydd Gwybodaeth (ICO), rheoleiddiwr diogelu data'r DU: \
<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>, neu \
0303 123 1113.</p>
"""

HUB_TITLE = "Privacy notice for LabourHub and Membersnet"

HUB_BODY = """\
<p>This notice explains what the Labour Party does with personal information on \
LabourHub, {website}, and Membersnet, the members' hub: your account, your membership, \
your training and reports you send us.</p>
<h2>Who is responsible for your information</h2>
<p>The Labour Party is the data controller. You can write to its data protection team \
at {data_protection_email}.</p>
<h2>What we collect, and why</h2>
<ul>
<li><b>Your account</b>: your name, email addresses, password (stored only in a form \
nobody can read back) and, for officers and staff, your two-factor authentication. We \
use them to sign you in and keep the party's sites safe.</li>
<li><b>Your membership</b>: your membership number, your local party and the dates of \
your membership, to let members into Membersnet and to send the welcome message and \
the digest of what is new (which you can stop at any time).</li>
<li><b>Your roles</b>: the posts you hold in a local party (such as Secretary or Social \
Media Officer) and who appointed you, so that you can run its website and so that \
everyone can check which accounts are official.</li>
<li><b>Your training</b>: the courses you start and finish, your quiz answers and your \
certificates, so that you can pick up where you left off, prove what you have \
completed, and so that officers get publishing rights once trained.</li>
<li><b>Reports of accounts</b>: when you report a website or social media account that \
claims to speak for a local party, your name and email address if you give them, and \
what you tell us, so that our staff can look into it and reply to you.</li>
<li><b>Records of what was done</b>: who published, changed or approved what, and when, \
so that the party can answer for what its sites say.</li>
</ul>
<h2>Your political opinions</h2>
<p>Membership of the Labour Party reveals your political opinions, which the law calls \
special category data and protects more closely. The party processes it as a political \
party handling information about its members (UK GDPR Article 9(2)(d)).</p>
<h2>Our lawful basis</h2>
<p>Your account, membership, roles and training rest on the membership contract (UK \
GDPR Article 6(1)(b)); the record of who did what, and investigating reports, on our \
legitimate interests (Article 6(1)(f)); anything you choose to tell us in a report, on \
your consent (Articles 6(1)(a) and 9(2)(a)), which you can withdraw by writing to \
{data_protection_email}.</p>
<h2>Who sees it</h2>
<p>Labour Party staff who run LabourHub, and the officers of your own local party for \
what they need to run it. Our hosting and email providers process it for us under \
contract, in the UK. We never sell your information.</p>
<h2>How long we keep it</h2>
<p>Your account, roles and training records while you have an account, then they are \
deleted with it; a report for as long as the case is open and a year after it closes, \
unless it leads to a disciplinary case the party must keep. The record of who did what \
is kept as long as the site it concerns, showing only an account number once the \
account is gone.</p>
<h2>Your rights</h2>
<p>You have the right to ask for a copy of the information we hold about you (a \
subject access request, answered within one month), to have it corrected, to have it \
erased where the party need not keep it, to restrict or object to how we use it, and to \
withdraw consent. To ask, write to {data_protection_email} from the email address of \
your account; we may ask you to confirm who you are.</p>
<h2>Complaints</h2>
<p>If you are unhappy with how we have handled your information, please tell us first \
at {data_protection_email}. You also have the right to complain to the Information \
Commissioner's Office (ICO), the UK's data protection regulator: \
<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>, or \
0303 123 1113.</p>
"""

# The hub's notice is in English only: the hub and Membersnet are not translated.
WELSH_DEFAULTS = {
    "constituency": (CONSTITUENCY_WELSH_TITLE, CONSTITUENCY_WELSH_BODY),
}

DEFAULTS = {
    "constituency": (CONSTITUENCY_TITLE, CONSTITUENCY_BODY),
    "hub": (HUB_TITLE, HUB_BODY),
}
