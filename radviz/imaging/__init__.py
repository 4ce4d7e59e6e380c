"""Imaging (pure, no Qt): report text -> findings, concordance with symptoms, prevalence."""
