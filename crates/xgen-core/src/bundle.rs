//! The export bundle (docs/bundle.md): the list of files, and the deterministic zip.
//!
//! Determinism: entries are sorted by path, every entry has the same fixed
//! timestamp (1980-01-01 00:00, the zip epoch) and permissions, and deflate runs
//! at a fixed level in pure Rust (miniz_oxide), so the same state gives the same
//! bytes in the browser and in the CLI.
//!
//! Safety: entry paths are built only from fixed literals and validated names
//! ([`DnsLabel`], [`ValuesFileName`]); reading refuses unsafe entry names and
//! bounds entry count and sizes.

use crate::error::ImportError;
use crate::layout::{is_safe_entry_name, BundleFile, CHART_VALUES_PATH, PROJECTS_DIR, SETTINGS_PATH, VALUES_DIR};
use crate::model::istio::ObjectsFile;
use crate::model::{ProjectFile, ServiceValues, StudioSettings};
use crate::names::{DnsLabel, ValuesFileName};
use crate::rendered::{EmitError, Rendered};
use crate::state::ProjectState;
use crate::text::{decode, parse_yaml};
use std::io::{Cursor, Read, Write};

/// Bounds on a bundle being read: far above anything the studio writes.
/// Entries read from a bundle: above what a project at every limit
/// (`crate::limits`) exports, about 12,000.
pub const MAX_ENTRIES: usize = 16_384;
const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;
/// The most the source files of a bundle may add up to, unpacked.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// The largest bundle file read: no larger than the most its files may add
/// up to (a studio bundle is deflated, so far smaller).
pub const MAX_BUNDLE_BYTES: u64 = MAX_TOTAL_BYTES;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Emit(#[from] EmitError),
    #[error("could not write the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the zip: {0}")]
    Io(#[from] std::io::Error),
    /// A service twice in one environment's list: both entries would write
    /// the same files (XS203 says so in the problems list).
    #[error(
        "XS203: service `{service}` is listed twice for environment `{env}` ({path}): its Application and objects \
         would be written twice; remove one entry, then download again"
    )]
    DuplicateService { env: String, service: String, path: String },
    /// Two files at one path: the state names one thing twice (XS203 says
    /// which); a zip with both would hold whichever its reader takes.
    #[error("two files at `{}`: fix the problem that names it twice, then export again", .0.escape_debug())]
    Duplicate(String),
    #[error(transparent)]
    Unsafe(#[from] crate::layout::UnsafePath),
}

/// Writes files as a deterministic zip.
pub fn write_zip(files: &[BundleFile]) -> Result<Vec<u8>, ExportError> {
    let mut sorted: Vec<&BundleFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    if let Some(pair) = sorted.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(ExportError::Duplicate(pair[0].path.to_string()));
    }
    for f in sorted {
        // A BundlePath is safe by construction; checked again here, in every
        // build, because this is where a name becomes a path on disk.
        if !is_safe_entry_name(&f.path) {
            return Err(crate::layout::UnsafePath(f.path.to_string()).into());
        }
        zip.start_file(f.path.as_str(), options)?;
        zip.write_all(f.text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The bundle of a rendered state as zip bytes: what "Download bundle" and
/// `xgen-studio bundle` both produce.
pub fn bundle_zip(rendered: &Rendered) -> Result<Vec<u8>, ExportError> {
    for env in &rendered.envs {
        for (i, s) in env.services.iter().enumerate() {
            if env.services[..i].iter().any(|other| other.name == s.name) {
                return Err(ExportError::DuplicateService {
                    env: env.name.clone(),
                    service: s.name.clone(),
                    path: s.entry_path.clone(),
                });
            }
        }
    }
    write_zip(rendered.files().map_err(Clone::clone)?)
}

/// The bundle's file name: `<site>-bundle.zip`.
pub fn bundle_file_name(state: &ProjectState) -> String {
    format!("{}-bundle.zip", state.site)
}

pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Reads a bundle written by the studio back into a state. Only the source
/// files are read (project, values, chart values, settings); rendered files and
/// charts are derived and ignored. The state keeps no file's text
/// (`originals` is empty): `import` of the zip keeps them, and is what the
/// page and the CLI use, so that an export writes the files as they were.
pub fn read_bundle(file: &str, bytes: &[u8]) -> Result<ProjectState, ImportError> {
    read_bundle_with_sources(file, bytes).map(|(state, _)| state)
}

/// [`read_bundle`], also returning the text of each source file read, by path.
pub fn read_bundle_with_sources(
    file: &str,
    bytes: &[u8],
) -> Result<(ProjectState, Vec<(String, String)>), ImportError> {
    let bad = |reason: String| ImportError::Bundle { file: file.into(), reason };
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(bad(format!("it is larger than {MAX_BUNDLE_BYTES} bytes")));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(format!("not a readable zip ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!("it has {} entries; at most {MAX_ENTRIES} are read", zip.len())));
    }
    refuse_duplicates(file, bytes, &mut zip)?;
    let mut project: Option<(DnsLabel, ProjectFile)> = None;
    let mut chart_values: Option<ServiceValues> = None;
    let mut settings: Option<StudioSettings> = None;
    let mut values = crate::state::ValuesFiles::default();
    let mut cluster = std::collections::BTreeMap::new();
    let mut total: u64 = 0;
    let mut sources = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| bad(format!("entry {i} cannot be read ({e})")))?;
        let name = entry.name().to_owned();
        if !is_safe_entry_name(name.trim_end_matches('/')) {
            return Err(bad(format!("entry name `{}` is not a safe relative path", name.escape_debug())));
        }
        if entry.is_dir() {
            continue;
        }
        let target = classify(&name);
        if matches!(target, Entry::Other) {
            continue;
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(bad(format!("{name} is larger than {MAX_ENTRY_BYTES} bytes")));
        }
        total += entry.size();
        if total > MAX_TOTAL_BYTES {
            return Err(bad(format!("its files add up to more than {MAX_TOTAL_BYTES} bytes")));
        }
        // The header's size may lie: never read more than the limit.
        let mut buf = Vec::new();
        (&mut entry)
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| bad(format!("{name} cannot be unpacked ({e})")))?;
        if buf.len() as u64 > MAX_ENTRY_BYTES {
            return Err(bad(format!("{name} is larger than {MAX_ENTRY_BYTES} bytes")));
        }
        let shown = format!("{file}!{name}");
        let text = decode(&shown, &buf)?;
        sources.push((name.clone(), text.clone()));
        match target {
            Entry::Project(site) => {
                if project.is_some() {
                    return Err(bad(format!("it holds more than one file under {PROJECTS_DIR}")));
                }
                project = Some((site, parse_yaml(&shown, &text)?));
            }
            Entry::ChartValues => chart_values = Some(parse_yaml(&shown, &text)?),
            Entry::Values(f) => {
                values.insert(f, parse_yaml(&shown, &text)?);
            }
            Entry::Settings => settings = Some(parse_yaml(&shown, &text)?),
            Entry::Cluster(env) => {
                cluster.insert(env, std::sync::Arc::new(ObjectsFile::parse(&shown, &text)?));
            }
            Entry::Other => {}
        }
    }
    let (site, project) = project.ok_or_else(|| bad(format!("it has no project file under {PROJECTS_DIR}")))?;
    let mut state = ProjectState {
        site,
        project: project.into(),
        chart_values: chart_values.unwrap_or_else(crate::builtin::chart_values).into(),
        values,
        settings: settings.unwrap_or_default().into(),
        cluster: crate::state::ClusterObjects(cluster).into(),
        yaml_notes: Default::default(),
        originals: Default::default(),
    };
    state.complete_values();
    Ok((state, sources))
}

/// Refuses a zip whose central directory names one entry twice.
///
/// The `zip` crate keeps one entry per name (the last; its names are decoded
/// from CP437 or UTF-8 and may come from a Unicode-path extra field), where
/// other readers take the first or list both: one bundle would show
/// different files to different tools. Every central directory header the
/// reader read but did not keep is a duplicate.
fn refuse_duplicates(file: &str, bytes: &[u8], zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<(), ImportError> {
    let mut kept = std::collections::HashSet::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| ImportError::Bundle {
            file: file.into(),
            reason: format!("entry {i} cannot be read ({e})"),
        })?;
        kept.insert(entry.central_header_start());
    }
    match directory_headers(bytes, zip.central_directory_start()).into_iter().find(|(at, _)| !kept.contains(at)) {
        Some((_, entry)) => Err(ImportError::DuplicateEntry { file: file.into(), entry }),
        None => Ok(()),
    }
}

/// The central directory's headers from `start` (offset, name as UTF-8,
/// lossily), while the header signature is found (APPNOTE 4.3.12: a fixed
/// 46 bytes, then the name, extra field and comment).
fn directory_headers(bytes: &[u8], start: u64) -> Vec<(u64, String)> {
    let field = |h: &[u8], at: usize| usize::from(u16::from_le_bytes([h[at], h[at + 1]]));
    let mut out = Vec::new();
    let Ok(mut at) = usize::try_from(start) else { return out };
    while let Some(h) = bytes.get(at..at.saturating_add(46)) {
        if h[..4] != *b"PK\x01\x02" {
            break;
        }
        let (name_len, extra_len, comment_len) = (field(h, 28), field(h, 30), field(h, 32));
        let Some(name) = bytes.get(at + 46..at + 46 + name_len) else { break };
        out.push((at as u64, String::from_utf8_lossy(name).into_owned()));
        at += 46 + name_len + extra_len + comment_len;
    }
    out
}

enum Entry {
    Project(DnsLabel),
    ChartValues,
    Values(ValuesFileName),
    Settings,
    Cluster(DnsLabel),
    Other,
}

fn classify(name: &str) -> Entry {
    if name == CHART_VALUES_PATH {
        return Entry::ChartValues;
    }
    if name == SETTINGS_PATH {
        return Entry::Settings;
    }
    if let Some(rest) = name.strip_prefix(PROJECTS_DIR) {
        let stem = rest.strip_suffix(".yaml").or_else(|| rest.strip_suffix(".yml"));
        if let Some(site) = stem.and_then(|s| DnsLabel::parse(s).ok()) {
            return Entry::Project(site);
        }
    }
    if let Some(env) = crate::layout::cluster_env(name) {
        return Entry::Cluster(env);
    }
    if let Some(rest) = name.strip_prefix(VALUES_DIR) {
        if let Ok(f) = ValuesFileName::parse(rest) {
            return Entry::Values(f);
        }
    }
    Entry::Other
}
