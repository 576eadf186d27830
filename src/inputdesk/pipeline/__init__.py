"""Analysis stages that turn received files into passages; importable without the web app or a database."""
