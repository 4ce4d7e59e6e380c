"""The ``radviz`` command line (contract §6). Headless commands never import Qt.

Bad input exits with status 2 and one line on stderr naming the field or value.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from radviz import __version__

MAX_INPUT_BYTES = 20_000_000


class UsageError(Exception):
    """Bad input: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"radviz: error: {message}\n")


def _read_input(source: str) -> str:
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            name = "standard input"
        else:
            name = source
            with open(source, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise UsageError(f"{source}: is a directory, not a file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{name}: input is larger than {MAX_INPUT_BYTES} bytes")
    return data.decode("utf-8", errors="replace")


def _load_json(source: str) -> Any:
    text = _read_input(source)
    name = "standard input" if source == "-" else source
    if not text.strip():
        raise UsageError(f"{name}: empty input (expected a JSON object)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{name}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise UsageError(f"{name}: JSON is nested too deeply") from None


def _dump(obj: Any, out: TextIO) -> None:
    json.dump(obj, out, indent=2, ensure_ascii=False)
    out.write("\n")


# ------------------------------------------------------------------- commands
def cmd_infer(args: argparse.Namespace) -> int:
    from radviz.reasoning.findings import Findings, FindingsError
    from radviz.reasoning.inference import infer
    from radviz.reasoning.report import format_result

    data = _load_json(args.file)
    try:
        findings = Findings.from_dict(data)
    except FindingsError as exc:
        raise UsageError(f"invalid findings: {exc}") from None
    result = infer(findings)
    if args.json:
        _dump(result.to_dict(), sys.stdout)
    else:
        sys.stdout.write(format_result(result, findings, audience=args.audience))
    return 0


def cmd_imaging(args: argparse.Namespace) -> int:
    from radviz.imaging.parser import parse_report
    from radviz.reasoning.report import format_imaging

    text = _read_input(args.file)
    report = parse_report(text)
    if args.json:
        _dump(report.to_dict(), sys.stdout)
    else:
        sys.stdout.write(format_imaging(report))
    return 0


def cmd_kb(args: argparse.Namespace) -> int:
    from radviz.knowledge.loader import load_kb
    from radviz.reasoning.report import format_kb

    kb = load_kb()
    if args.json:
        _dump(kb.to_dict(), sys.stdout)
    else:
        sys.stdout.write(format_kb(kb))
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from radviz.training.cases import DIFFICULTIES, quiz_main

    if args.difficulty not in DIFFICULTIES:
        raise UsageError(
            f"--difficulty: unknown value {args.difficulty!r} (expected one of: "
            f"{', '.join(DIFFICULTIES)})"
        )
    if args.seed < 0:
        raise UsageError(f"--seed: {args.seed} is out of range (0 or more)")
    sys.stdout.write(quiz_main(args.seed, args.difficulty, args.json))
    if not sys.stdout.isatty():
        sys.stdout.write("\n")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from radviz.ui.handout.document import handout_main

    return handout_main(
        args.session,
        args.out,
        audience="clinician" if args.clinician else args.audience,
        page_size="Letter" if args.letter else "A4",
    )


def _run_app(demo: str | None, screenshot: str | None) -> int:
    from radviz.app import run

    return run(demo=demo, screenshot=screenshot)


# ----------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="radviz",
        description=(
            "radviz explains lumbar radicular symptoms: which nerve roots could explain them, "
            "where they can be squeezed, likely causes and what treatments mean. "
            "It educates; it does not diagnose. Run without a command to open the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"radviz {__version__}")
    parser.add_argument("--demo", metavar="NAME", help="open a built-in demo case")
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("infer", help="findings (JSON) -> ranked roots, levels, causes, red flags")
    p.add_argument("--json", action="store_true", help="print the result document as JSON")
    p.add_argument(
        "--audience",
        choices=("patient", "clinician"),
        default="clinician",
        help="language of the text report: plain words for the patient, or clinical terms "
        "(default clinician)",
    )
    p.add_argument("file", metavar="FILE|-", help="findings JSON file, or - for standard input")
    p.set_defaults(func=cmd_infer)

    p = sub.add_parser("imaging", help="MRI report text -> imaging findings")
    p.add_argument("--json", action="store_true", help="print the imaging document as JSON")
    p.add_argument("file", metavar="FILE|-", help="report text file, or - for standard input")
    p.set_defaults(func=cmd_imaging)

    p = sub.add_parser("quiz", help="print a generated practice case and its answer")
    p.add_argument("--seed", type=int, default=0, help="case seed (same seed, same case)")
    p.add_argument("--difficulty", default="medium", help="easy, medium or hard")
    p.add_argument("--json", action="store_true", help="print the case as JSON")
    p.set_defaults(func=cmd_quiz)

    p = sub.add_parser("handout", help="write the consultation handout PDF of a saved session")
    p.add_argument("session", metavar="SESSION.radviz", help="a saved radviz session")
    p.add_argument("out", metavar="OUT.pdf", help="the PDF to write")
    p.add_argument("--clinician", action="store_true", help="the clinician version")
    p.add_argument(
        "--audience",
        choices=("patient", "clinician"),
        default="patient",
        help="patient (default) or clinician version (--clinician is the same as clinician)",
    )
    p.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    p.set_defaults(func=cmd_handout)

    p = sub.add_parser("kb", help="print the knowledge base")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(func=cmd_kb)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_app(args.demo, args.screenshot)
        if args.demo or args.screenshot:
            raise UsageError("--demo and --screenshot open the app; use them without a command")
        status: int = args.func(args)
        return status
    except UsageError as exc:
        sys.stderr.write(f"radviz: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
