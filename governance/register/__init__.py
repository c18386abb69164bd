"""The register of online presence: units, their accounts, and the flags on them."""
