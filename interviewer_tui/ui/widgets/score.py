"""Scores coloured by band: >= 7 pass (green), >= 5 borderline (amber), lower fail (red)."""

from __future__ import annotations

from textual.widgets import Static

from interviewer_tui.core.scoring import band


def band_class(score: int | None) -> str:
    return f"band-{band(score)}"


def percent_band_class(percent: int | None) -> str:
    return band_class(None if percent is None else percent // 10)


class ScoreBadge(Static):
    """`7/10` for one answer; with `percent=True`, `72%` for an interview."""

    def __init__(self, score: int | None, *, percent: bool = False, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.percent = percent
        self.set_score(score)

    def set_score(self, score: int | None) -> None:
        for cls in ("band-pass", "band-borderline", "band-fail", "band-none"):
            self.remove_class(cls)
        if self.percent:
            self.add_class(percent_band_class(score))
            self.update("—" if score is None else f"{score}%")
        else:
            self.add_class(band_class(score))
            self.update("—" if score is None else f"{score}/10")
