"""Radio buttons and selection lists whose choice shows as a mark, not only as a colour.

Textual draws the same glyph for on and off (a coloured "●" or "X"); with NO_COLOR, or a theme
or terminal with weak contrast, every option looked chosen. Here an unchosen option is blank,
a chosen radio button shows "●" and a chosen topic shows "✓".
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

CHOSEN_RADIO = "●"
CHOSEN_ITEM = "✓"


class MarkedRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = CHOSEN_RADIO if self.value else " "
        return super()._button


class MarkedSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        mark = CHOSEN_ITEM if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
