from privacy.registry import NotPersonal

DECLARATIONS = [
    NotPersonal("knowledge.Topic", "Topics of the knowledge bank"),
    NotPersonal("knowledge.Fact", "Published facts and their notes"),
]
