"""JSON Schemas shipped with podium (quizbank.schema.json), for editors and CI."""
