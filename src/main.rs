//! Thin CLI: parse arguments, run the library, write reports, exit like a
//! virus scanner (0 clean, 1 found, 2 incomplete or usage error).

use ausweisscan::cli::{Cli, Command, ScanArgs};
use ausweisscan::report::{html, summary};
use ausweisscan::{Progress, scan};
use clap::Parser;
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
    match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Letter(_) => {
            eprintln!("ausweisscan: letter is not built yet");
            ExitCode::from(2)
        }
    }
}

fn run_scan(args: &ScanArgs) -> ExitCode {
    let cfg = args.config();
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let bar = if show_bar { ProgressBar::new(0) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} Seiten {elapsed}").unwrap_or(ProgressStyle::default_bar()),
    );
    let progress = Bar(bar);
    let report = scan(&args.paths, &cfg, &progress);
    progress.0.finish_and_clear();

    let mut status = report.exit_status();
    let json_to_stdout = args.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(path) = &args.json {
        let json = report.to_json();
        let written =
            if json_to_stdout { std::io::stdout().write_all(json.as_bytes()) } else { std::fs::write(path, json) };
        if let Err(e) = written {
            eprintln!("ausweisscan: cannot write {}: {e}", path.display());
            status = status.merge(ausweisscan::ExitStatus::Incomplete);
        }
    }
    if let Some(path) = &args.html {
        match html::render(&report)
            .map_err(|e| e.to_string())
            .and_then(|h| std::fs::write(path, h).map_err(|e| e.to_string()))
        {
            Ok(()) => {}
            Err(e) => {
                eprintln!("ausweisscan: cannot write the HTML report {}: {e}", path.display());
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
