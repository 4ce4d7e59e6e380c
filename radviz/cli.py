"""The ``radviz`` command line (contract §6). Headless commands never import Qt.

Bad input (a file, standard input, an argument) exits with status 2 and one line on
stderr naming the field or value; a failure to write the output (a full disk, a closed
pipe or standard output) exits with status 1 and one line. Never a traceback: every
message passes :func:`radviz.messages.one_line` (no control characters or terminal
escapes from the input, bounded length), and output that the terminal's encoding
cannot show is escaped rather than refused.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from radviz import __version__
from radviz.messages import one_line

MAX_INPUT_BYTES = 20_000_000


class UsageError(Exception):
    """Bad input: reported in one line, exit status 2."""


class OutputError(Exception):
    """The output could not be written: reported in one line, exit status 1."""


class _Parser(argparse.ArgumentParser):
    commands: tuple[str, ...] = ()
    """The command names (set by :func:`build_parser`)."""

    def error(self, message: str) -> NoReturn:
        _err(f"radviz: error: {message}")
        raise SystemExit(2)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _err(message.rstrip("\n"))
        raise SystemExit(status)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:  # --help and --version: the output stream may be broken too
            _out(message)


def _err(line: str) -> None:
    """One line on stderr, escaped for its encoding; silent if stderr is gone."""
    stream = sys.stderr
    if stream is None:
        return
    text = one_line(line) + "\n"
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))
        stream.flush()
    except (OSError, ValueError):
        pass


def _out(text: str, *, ascii_fallback: str | None = None) -> None:
    """Write ``text`` to stdout in its encoding; raise :class:`OutputError` if it cannot
    be written. ``ascii_fallback`` is written instead when the encoding cannot hold
    ``text`` (JSON escaped with ``\\uXXXX``); otherwise unencodable characters become ``?``.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        if ascii_fallback is not None:
            text = ascii_fallback
        text = text.encode(encoding, "replace").decode(encoding)
    except LookupError:
        pass
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as exc:  # ValueError: the stream is closed
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(f"cannot write the output ({reason})") from None


def _silence_stdout() -> None:
    """After an output failure: point stdout at the null device, so the interpreter's
    final flush of what is still buffered cannot print a second message."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.close(fd)
    except OSError:
        pass


def _read_input(source: str) -> bytes:
    from radviz.resources import read_bytes_bounded

    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            stream = sys.stdin
            if stream is None or getattr(stream, "closed", False):
                raise UsageError("standard input is closed (give a file name instead of -)")
            buffer = getattr(stream, "buffer", None)
            data: bytes
            if buffer is not None:
                data = bytes(buffer.read(MAX_INPUT_BYTES + 1))
            else:
                data = str(stream.read(MAX_INPUT_BYTES + 1)).encode("utf-8", "surrogatepass")
        else:
            data = read_bytes_bounded(source, MAX_INPUT_BYTES)
    except FileNotFoundError:
        raise UsageError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise UsageError(f"{source}: is a directory, not a file") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{name}: cannot be read ({reason})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{name}: input is larger than {MAX_INPUT_BYTES} bytes")
    return data


def _read_text(source: str) -> str:
    """Input as text: UTF-8 with or without a byte-order mark (undecodable bytes become
    U+FFFD: a report pasted from a word processor is still read)."""
    return _read_input(source).decode("utf-8-sig", errors="replace")


def _load_json(source: str) -> Any:
    from radviz.resources import parse_json

    raw = _read_input(source)
    name = "standard input" if source == "-" else source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: is not UTF-8 text (byte {exc.start + 1})") from None
    if not text.strip():
        raise UsageError(f"{name}: empty input (expected a JSON object)")
    try:
        return parse_json(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{name}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise UsageError(f"{name}: JSON is nested too deeply") from None
    except ValueError as exc:  # a duplicate key, NaN, a number out of range
        raise UsageError(f"{name}: {exc}") from None


def _dump(obj: Any) -> None:
    _out(
        json.dumps(obj, indent=2, ensure_ascii=False) + "\n",
        ascii_fallback=json.dumps(obj, indent=2, ensure_ascii=True) + "\n",
    )


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
        _dump(result.to_dict())
    else:
        _out(format_result(result, findings, audience=args.audience))
    return 0


def cmd_imaging(args: argparse.Namespace) -> int:
    from radviz.imaging.parser import parse_report
    from radviz.reasoning.report import format_imaging

    text = _read_text(args.file)
    report = parse_report(text)
    if args.json:
        _dump(report.to_dict())
    else:
        _out(format_imaging(report))
    return 0


def cmd_kb(args: argparse.Namespace) -> int:
    from radviz.knowledge.loader import load_kb
    from radviz.reasoning.report import format_kb

    kb = load_kb()
    if args.json:
        _dump(kb.to_dict())
    else:
        _out(format_kb(kb))
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    from radviz.training.cases import DIFFICULTIES, quiz_main

    if args.difficulty not in DIFFICULTIES:
        raise UsageError(
            f"--difficulty: unknown value {args.difficulty!r} (expected one of: "
            f"{', '.join(DIFFICULTIES)})"
        )
    if not 0 <= args.seed < 2**63:
        raise UsageError(f"--seed: {str(args.seed)[:24]} is out of range (0 to 2**63 - 1)")
    text = quiz_main(args.seed, args.difficulty, args.json)
    tty = sys.stdout is not None and not sys.stdout.closed and sys.stdout.isatty()
    _out(text if tty else text + "\n")
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from radviz.ui.handout.document import handout_main

    return handout_main(
        args.session,
        args.out,
        audience="clinician" if args.clinician else args.audience,
        page_size="Letter" if args.letter else "A4",
    )


def _run_app(demo: str | None, screenshot: str | None, session: str | None = None) -> int:
    from radviz.app import run

    return run(demo=demo, screenshot=screenshot, session=session)


def cmd_desktop(install: bool) -> int:
    """``--install-desktop`` / ``--uninstall-desktop``: the menu entry, the ``.radviz``
    file type and the icon in the user's data folder (:mod:`radviz.desktop`)."""
    from radviz import desktop
    from radviz.resources import WriteError

    try:
        report = desktop.install() if install else desktop.uninstall()
    except WriteError as exc:
        raise OutputError(str(exc)) from None
    verb = "installed" if install else "removed"
    lines = [f"radviz: {report.summary(verb)}"]
    if install:
        launcher = " ".join(desktop.launch_command())
        lines.append(f"radviz: the menu entry runs {launcher} (install again if radviz moves)")
    lines += [f"radviz: note: {note}" for note in report.notes if "not installed" not in note]
    missing = [note.split(" ", 1)[0] for note in report.notes if "not installed" in note]
    if missing:
        lines.append(f"radviz: note: not found (skipped): {', '.join(missing)}")
    _out("\n".join(one_line(line) for line in lines) + "\n")
    return 0


def _split_session(
    parser: argparse.ArgumentParser, argv: list[str]
) -> tuple[list[str], str | None]:
    """``radviz FILE.radviz``: take out the first argument before any command that is
    neither an option nor an option's value and names a ``.radviz`` file or an existing
    one (a session renamed, opened with "Open with"); it is opened in the app."""
    commands: tuple[str, ...] = getattr(parser, "commands", ())
    takes_value = {"--demo", "--screenshot"}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            if i + 1 < len(argv):
                return argv[:i] + argv[i + 2 :], argv[i + 1]
            return argv, None
        if arg in takes_value:
            i += 2
            continue
        if arg.startswith("-") and arg != "-":
            i += 1
            continue
        if arg in commands or not (arg.lower().endswith(".radviz") or os.path.exists(arg)):
            return argv, None  # a command, or a mistyped one: argparse names it
        return argv[:i] + argv[i + 1 :], arg
    return argv, None


# ----------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="radviz",
        description=(
            "radviz explains lumbar radicular symptoms: which nerve roots could explain them, "
            "where they can be squeezed, likely causes and what treatments mean. "
            "It educates; it does not diagnose. Run without a command to open the app."
        ),
        epilog="radviz FILE.radviz opens that saved session in the app.",
    )
    parser.add_argument("--version", action="version", version=f"radviz {__version__}")
    parser.add_argument("--demo", metavar="NAME", help="open a built-in demo case")
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add radviz to the desktop's menu and make it open .radviz files "
        "(into $XDG_DATA_HOME, by default ~/.local/share)",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added",
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
    parser.commands = tuple(sub.choices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    words, session = _split_session(parser, list(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(words)
    except OutputError as exc:  # --help or --version into a broken stream
        _err(f"radviz: {exc}")
        _silence_stdout()
        return 1
    try:
        if args.install_desktop or args.uninstall_desktop:
            if args.install_desktop and args.uninstall_desktop:
                raise UsageError("--install-desktop and --uninstall-desktop: choose one")
            if args.command is not None or args.demo or args.screenshot or session is not None:
                raise UsageError(
                    f"--{'install' if args.install_desktop else 'uninstall'}-desktop "
                    "takes no other argument"
                )
            return cmd_desktop(args.install_desktop)
        if args.command is None:
            if session is not None and args.demo:
                raise UsageError("open a session or a demo, not both")
            return _run_app(args.demo, args.screenshot, session)
        if args.demo or args.screenshot:
            raise UsageError("--demo and --screenshot open the app; use them without a command")
        status: int = args.func(args)
        return status
    except UsageError as exc:
        _err(f"radviz: {exc}")
        return 2
    except OutputError as exc:
        _err(f"radviz: {exc}")
        _silence_stdout()
        return 1
    except BrokenPipeError:
        _err("radviz: cannot write the output (the reader closed the pipe)")
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except (RecursionError, MemoryError) as exc:
        _err(f"radviz: the input is too large or nested too deeply ({type(exc).__name__})")
        return 2
