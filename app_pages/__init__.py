"""The pages of the Streamlit app (`app.py` routes to them); each page is a short script over `kb`."""
