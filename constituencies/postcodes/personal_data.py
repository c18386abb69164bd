from privacy.registry import NotPersonal

DECLARATIONS = [
    NotPersonal("postcodes.Postcode", "The ONS's public list of postcodes, not anyone's address"),
]
