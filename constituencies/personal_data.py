from privacy.registry import NotPersonal

DECLARATIONS = [
    NotPersonal("constituencies.Constituency", "Constituency parties' names and schemas"),
]
