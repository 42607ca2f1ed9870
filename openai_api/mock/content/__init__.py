"""What the mock says and makes: reply text, schema values, images and audio."""
