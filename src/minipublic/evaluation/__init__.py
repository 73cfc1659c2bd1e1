"""The member evaluation questionnaire (OECD evaluation guidelines): confidential
answers at the start and the end, results only in aggregate."""
