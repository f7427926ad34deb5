"""`quiz host --web`: the student app served to browsers, no install on the student's side.

`server` is the aiohttp app (one page per room, under its code), `process` the student app
each browser tab drives on the teacher's machine, `page` the HTML. Textual's own web
driver and textual-serve's JavaScript terminal do the rendering; this package only routes,
bounds and starts. It imports neither Textual nor Rich (textual-serve's `app_service` and
static files need neither), so it stays in the engine.
"""
