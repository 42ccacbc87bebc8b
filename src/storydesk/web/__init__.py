"""The web pages: views (the data of each page), Jinja templates, static CSS and the SVG chart."""
