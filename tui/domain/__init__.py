"""The domain: decks, slides, quiz banks and scoring as plain Python. Never imports Textual."""
