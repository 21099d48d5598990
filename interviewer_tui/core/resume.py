"""Résumé tailoring without a model: the candidate's projects, skills, and the job's gaps.

Keyword rules on purpose (the offline interviewer must say what it did, and it did this): the
stack is the same technology list the job description is read with, so "gaps" are technologies
the job names and the résumé does not. Projects are the résumé's own lines that say what the
candidate built, led or changed. The OpenAI interviewer also sees the full text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from interviewer_tui.core.plan import extract_profile
from interviewer_tui.core.words import count

MAX_PROJECTS = 4
_VERBS = (
    r"\b(built|build|designed|design|led|lead|migrated|implemented|created|developed|launched|"
    r"scaled|wrote|owned|reduced|improved|rebuilt|architected|shipped|automated|introduced|"
    r"replaced|optimi[sz]ed)\b"
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣]|\d+[.)])\s*")
_PROJECT_HEADING = re.compile(r"^\s*#*\s*(projects?|experience|work history)\s*:?\s*$", re.I)


@dataclass(frozen=True)
class ResumeProfile:
    skills: tuple[str, ...]  # technologies named in the résumé
    projects: tuple[str, ...]  # lines describing what the candidate built or changed


def extract_resume(text: str) -> ResumeProfile:
    skills = extract_profile(text).stack
    projects: list[str] = []
    in_projects = False
    for raw in text.splitlines():
        if _PROJECT_HEADING.match(raw):
            in_projects = True
            continue
        line = " ".join(_BULLET.sub("", raw).split()).rstrip(".;")
        if not 25 <= len(line) <= 240:
            continue
        is_project = re.search(_VERBS, line, re.I) or (in_projects and _BULLET.match(raw))
        if is_project and line not in projects:
            projects.append(line)
        if len(projects) >= MAX_PROJECTS:
            break
    return ResumeProfile(skills=skills, projects=tuple(projects))


def gaps(resume_text: str, job_description: str) -> tuple[str, ...]:
    """Technologies the job names that the résumé does not."""
    have = set(extract_resume(resume_text).skills)
    return tuple(t for t in extract_profile(job_description).stack if t not in have)


def tailoring_setup(
    resume_text: str | None, job_description: str | None, *, provider: str
) -> dict[str, Any] | None:
    """What the tailoring used, for the report; None when there was nothing to tailor to."""
    if not resume_text and not job_description:
        return None
    setup: dict[str, Any] = {
        "method": (
            "keyword-based extraction (offline)"
            if provider == "offline"
            else "keyword-based extraction, plus the full texts sent to the model"
        ),
        "job_description": bool(job_description),
        "resume": bool(resume_text),
    }
    if job_description:
        profile = extract_profile(job_description)
        setup["job_stack"] = list(profile.stack)
        setup["job_level"] = profile.level
        setup["job_domain"] = profile.domain
    if resume_text:
        found = extract_resume(resume_text)
        setup["resume_skills"] = list(found.skills)
        setup["projects"] = list(found.projects)
    if resume_text and job_description:
        setup["gaps"] = list(gaps(resume_text, job_description))
    return setup


def describe_setup(setup: dict[str, Any] | None) -> str:
    """One line for reports: what the interview was tailored to and how."""
    if not setup:
        return "not tailored (no job description or résumé)"
    parts: list[str] = []
    if setup.get("job_description"):
        stack = ", ".join(setup.get("job_stack") or []) or "no stack named"
        parts.append(f"job description (stack: {stack})")
    if setup.get("resume"):
        projects = len(setup.get("projects") or [])
        parts.append(f"résumé ({count(projects, 'project')} found)")
    if setup.get("gaps"):
        parts.append("gaps: " + ", ".join(setup["gaps"]))
    return "; ".join(parts) + f" — {setup['method']}"
