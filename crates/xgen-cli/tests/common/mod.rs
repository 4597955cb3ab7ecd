//! Helpers shared by the CLI's tests.
#![allow(dead_code)]

use std::path::PathBuf;
use xgen_core::{import, InputFile, ProjectState};

/// The repository's root: the built-in example and the fixtures.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The built-in example the page opens on, as a path for the command line.
pub fn example_path() -> String {
    repo_root().join("public/examples/xgen.yaml").display().to_string()
}

/// The built-in example, loaded as the CLI loads it.
pub fn example() -> ProjectState {
    let text = std::fs::read(example_path()).unwrap();
    import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap()
}

/// Runs `xgen-studio` with `args` and no standard input, and kills it if it
/// has not ended after `limit`: a command that hangs (reading a FIFO, say)
/// fails its test instead of stopping the suite. The limit only guards
/// against hanging; no test measures time with it.
pub fn run_bounded<S: AsRef<std::ffi::OsStr>>(args: &[S], limit: std::time::Duration) -> std::process::Output {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_xgen-studio"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "xgen-studio {:?} did not end within {limit:?}",
                args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    std::process::Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}
