"""A canvas that knows the page count, for "page x of y" footers."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

#: Draws the page number of a page; called with the canvas, the page and the page count.
PageNumberPainter = Callable[[Canvas, int, int], None]


class NumberedCanvas(Canvas):
    """Hold every page until the document is saved, then stamp "page x of y" on each.

    The page count is only known once the whole story is laid out, so pages are
    kept as canvas states and replayed in :meth:`save`.
    """

    def __init__(self, *args, paint_page_number: PageNumberPainter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._paint_page_number = paint_page_number
        self._saved_page_states: list[dict] = []

    def showPage(self) -> None:
        """Keep the finished page instead of writing it out."""
        self._saved_page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Number every kept page, write them out and close the document."""
        page_count = len(self._saved_page_states)
        for number, state in enumerate(self._saved_page_states, start=1):
            self.__dict__.update(state)
            self._paint_page_number(self, number, page_count)
            super().showPage()
        super().save()


def numbered_canvas_maker(paint_page_number: PageNumberPainter) -> Callable[..., Canvas]:
    """Return a ``canvasmaker`` for ``doc.build`` that numbers pages with the given painter."""

    def make(*args, **kwargs) -> Canvas:
        return NumberedCanvas(*args, paint_page_number=paint_page_number, **kwargs)

    return make
