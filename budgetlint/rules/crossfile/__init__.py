"""Cross-file rules (rules.d/bl8xx): the repository of related disclosures and comparing figures across files."""
