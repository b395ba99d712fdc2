//! Thin CLI: parse arguments, run the library, write reports, exit like a
//! virus scanner (0 clean, 1 found, 2 incomplete or usage error).

#![warn(unreachable_pub)]

mod cli;

use ausweisscan::i18n::{fill, texts};
use ausweisscan::report::{Report, html, letter, summary, write_atomic};
use ausweisscan::{ExitStatus, Progress, ScanConfig, scan};
use clap::Parser;
use cli::{Cli, Command, LetterArgs, ScanArgs};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

struct Bar(ProgressBar);

impl Progress for Bar {
    fn add_pages(&self, n: u64) {
        self.0.inc_length(n);
    }
    fn page_done(&self) {
        self.0.inc(1);
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // Panics inside a page are caught and reported in the report; one line
    // on stderr is enough.
    std::panic::set_hook(Box::new(|info| eprintln!("ausweisscan: internal error: {info}")));
    // Ctrl-C stops at once and writes no report: reports are renamed into
    // place whole (see `write_atomic`), and a temporary file still being
    // written is removed. Exit code 2: the run is incomplete.
    let _ = ctrlc::set_handler(|| {
        ausweisscan::report::remove_partial_writes();
        eprintln!("ausweisscan: interrupted");
        std::process::exit(i32::from(ExitStatus::Incomplete.code()));
    });
    match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Letter(args) => run_letter(&args),
    }
}

fn run_scan(args: &ScanArgs) -> ExitCode {
    let cfg = args.config();
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let bar = if show_bar { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {} {{elapsed}}",
            texts(args.lang).progress_pages
        ))
        .unwrap_or(ProgressStyle::default_bar()),
    );
    let progress = Bar(bar);
    let report = scan(&args.paths, &cfg, &progress);
    progress.0.finish_and_clear();

    let mut status = report.exit_status();
    let json_to_stdout = args.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(path) = &args.json {
        let json = report.to_json();
        let written = if json_to_stdout {
            std::io::stdout().write_all(json.as_bytes())
        } else {
            write_atomic(path, json.as_bytes())
        };
        if let Err(e) = written {
            eprintln!("{}", fill(texts(args.lang).err_write, &[&path.display(), &e]));
            status = status.merge(ausweisscan::ExitStatus::Incomplete);
        }
    }
    if let Some(path) = &args.html {
        match html::render(&report, args.lang)
            .map_err(|e| e.to_string())
            .and_then(|h| write_atomic(path, h.as_bytes()).map_err(|e| e.to_string()))
        {
            Ok(()) => {}
            Err(e) => {
                eprintln!("{}", fill(texts(args.lang).err_html, &[&path.display(), &e]));
                status = status.merge(ausweisscan::ExitStatus::Incomplete);
            }
        }
    }
    if !args.quiet {
        let text = summary::render(&report, args.lang);
        if json_to_stdout {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    ExitCode::from(status.code())
}

/// A saved JSON report (a single `.json` path, or a file starting with `{`).
fn saved_report(paths: &[std::path::PathBuf]) -> Option<&std::path::Path> {
    let [p] = paths else { return None };
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        return Some(p);
    }
    let mut head = [0u8; 64];
    let n = std::fs::File::open(p).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).ok()?;
    head[..n].iter().find(|b| !b.is_ascii_whitespace()).filter(|b| **b == b'{').map(|_| p.as_path())
}

fn run_letter(args: &LetterArgs) -> ExitCode {
    let t = texts(args.lang);
    let report: Report = match saved_report(&args.paths) {
        Some(p) => {
            let parsed = std::fs::read_to_string(p)
                .map_err(|e| e.to_string())
                .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()));
            match parsed {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{}", fill(t.err_read_report, &[&p.display(), &e]));
                    return ExitCode::from(ExitStatus::Incomplete.code());
                }
            }
        }
        None => {
            let cfg = ScanConfig::default().with_password(args.password.clone());
            scan(&args.paths, &cfg, &ausweisscan::NoProgress)
        }
    };
    if !t.letter_in_german.is_empty() {
        eprintln!("{}", t.letter_in_german);
    }
    if report.summary.errors > 0 {
        eprintln!("{}", fill(t.letter_incomplete, &[&report.summary.errors]));
    }
    let Some(text) = letter::render(&report, &args.fields(), args.letter_format()) else {
        eprintln!("{}", t.letter_nothing);
        return ExitCode::from(report.exit_status().code());
    };
    let written = match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes()).map(|_| eprintln!("{}", fill(t.letter_written, &[&path.display()])))
        }
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    if let Err(e) = written {
        let name = args.output.as_deref().map(|p| p.display().to_string()).unwrap_or_else(|| "stdout".into());
        eprintln!("{}", fill(t.err_write, &[&name, &e]));
        return ExitCode::from(ExitStatus::Incomplete.code());
    }
    ExitCode::SUCCESS
}
