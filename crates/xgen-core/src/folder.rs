//! Opening a folder: a repository's working copy, as the page's "Open
//! folder…" and a dropped folder give it, and as the CLI takes a folder
//! input (docs/inputs.md, "A folder").
//!
//! Pure: the shell walks the folder and hands over each file's path
//! (relative to the opened folder, `/`-separated) and size; this module
//! says which files to read, by name alone; the shell reads those and hands
//! their bytes back. Then:
//!
//! 1. [`FolderScan::add`] takes each listed file: files under a folder
//!    skipped by name ([`skips_dir`]: `.git`, `node_modules`, …) are left out
//!    unread and uncounted, the rest are counted against
//!    [`MAX_FOLDER_ENTRIES`]; a file the studio knows (by the bundle's
//!    paths, under any folder prefix: the *root*) is kept, its size checked.
//! 2. [`FolderScan::finish`] finds the roots (the folders holding
//!    `k3s/argocd/projects/*.yaml`) and gives the [`Plan`]: the files to
//!    read, within [`MAX_FOLDER_FILES`] and [`MAX_FOLDER_BYTES`].
//! 3. [`Plan::open`] reads the project files: one site per project file.
//!    Two project files with the same `project.name` are refused.
//! 4. [`Folder::choose`] gives one site's files for the ordinary,
//!    all-or-nothing [`crate::import::import`] and the [`Opened`] files: the
//!    bytes as they were in the folder, by bundle path, with the root, so
//!    that a patch ([`crate::patch`]) names paths from the opened folder.

use crate::error::ImportError;
use crate::i18n::Said;
use crate::import::{recognise, InputFile, Recognised};
use crate::layout::{self, is_safe_entry_name};
use crate::state::site_name;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The most files a folder may list outside the folders skipped by name.
pub const MAX_FOLDER_ENTRIES: usize = 20_000;
/// The most files the studio reads from a folder (project files, values
/// files, settings, observability files of every site in it).
pub const MAX_FOLDER_FILES: usize = 2_000;
/// The most bytes the studio reads from a folder, all files together.
pub const MAX_FOLDER_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes of one file (the most a YAML file may be).
pub const MAX_FOLDER_FILE_BYTES: u64 = crate::text::MAX_TEXT_BYTES as u64;

/// Folders never entered, by name: version control, dependencies, build
/// output, and every hidden folder (a name starting with `.`).
pub const SKIPPED_DIRS: &[&str] = &["node_modules", "target", "__pycache__"];

/// True for a folder the walk does not enter (nor counts what it holds).
pub fn skips_dir(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name)
}

/// Why a folder cannot be opened. Each says what to do, in English
/// (`Display`) and Korean ([`FolderError::said`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FolderError {
    #[error(
        "the folder holds more than {limit} files (outside .git, node_modules and hidden folders); open the \
         repository's own folder"
    )]
    TooManyEntries { limit: usize },
    #[error("the folder holds more than {limit} files the studio reads; open one repository's folder")]
    TooManyFiles { limit: usize },
    #[error("{path}: the file is {size} bytes, larger than {limit} bytes, the most the studio reads of one file")]
    FileTooLarge { path: String, size: u64, limit: u64 },
    #[error("the files the studio reads in this folder are larger than {limit} bytes together")]
    TooLarge { limit: u64 },
    #[error("no project file in the folder: the studio opens a repository with `k3s/argocd/projects/<site>.yaml`")]
    NoProject,
    #[error("{path}: the file could not be read: {reason}")]
    Unread { path: String, reason: String },
    #[error("{path}: not UTF-8 text; the studio writes patches of UTF-8 files only")]
    NotUtf8 { path: String },
    #[error("{0}")]
    Import(#[from] ImportError),
    #[error(
        "{files} have the same project.name `{name}`: Argo CD would see one project twice; give each site its \
         own name", files = .files.join(" and "), name = crate::inert::inert(.name)
    )]
    SameProjectName { name: String, files: Vec<String> },
    #[error("the folder holds several sites ({}); choose one (--site NAME)", .sites.join(", "))]
    SeveralSites { sites: Vec<String> },
    #[error("no site `{}` in the folder; its sites: {}", crate::inert::inert(.name), .sites.join(", "))]
    NoSuchSite { name: String, sites: Vec<String> },
}

impl FolderError {
    /// The message in both languages, for the page.
    pub fn said(&self) -> Said {
        let en = self.to_string();
        let ko = match self {
            FolderError::TooManyEntries { limit } => format!(
                "폴더에 파일이 {limit}개보다 많습니다(.git, node_modules, 숨김 폴더 제외). 저장소 폴더 자체를 여세요."
            ),
            FolderError::TooManyFiles { limit } => {
                format!("스튜디오가 읽는 파일이 {limit}개보다 많습니다. 저장소 하나의 폴더를 여세요.")
            }
            FolderError::FileTooLarge { path, size, limit } => {
                format!("{path}: 파일 크기가 {size}바이트로, 한 파일의 최대 크기 {limit}바이트를 넘습니다.")
            }
            FolderError::TooLarge { limit } => {
                format!("이 폴더에서 스튜디오가 읽는 파일이 모두 합쳐 {limit}바이트를 넘습니다.")
            }
            FolderError::NoProject => {
                "폴더에 프로젝트 파일이 없습니다. `k3s/argocd/projects/<site>.yaml`이 있는 저장소를 여세요.".into()
            }
            FolderError::Unread { path, reason } => format!("{path}: 파일을 읽을 수 없습니다: {reason}"),
            FolderError::NotUtf8 { path } => {
                format!("{path}: UTF-8 텍스트가 아닙니다. 스튜디오는 UTF-8 파일의 패치만 씁니다.")
            }
            FolderError::Import(e) => format!("가져올 수 없습니다: {e}"),
            FolderError::SameProjectName { name, files } => format!(
                "{}의 project.name이 `{}`로 같습니다. Argo CD가 한 프로젝트를 두 번 보게 됩니다. 사이트마다 이름을 따로 주세요.",
                files.join(", "),
                crate::inert::inert(name)
            ),
            FolderError::SeveralSites { sites } => {
                format!("폴더에 사이트가 여러 개 있습니다({}). 하나를 고르세요(--site NAME).", sites.join(", "))
            }
            FolderError::NoSuchSite { name, sites } => {
                format!("폴더에 `{}` 사이트가 없습니다. 사이트: {}", crate::inert::inert(name), sites.join(", "))
            }
        };
        Said::new(en, ko)
    }
}

/// What a file the studio knows is, by its path under a root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Project,
    /// The chart values, a values file or the settings.
    Source,
    Observability,
}

/// A file the studio knows: its path in the folder, its root (`""` or a
/// prefix ending in `/`) and its bundle path under that root.
#[derive(Debug, Clone)]
struct Known {
    path: String,
    root: String,
    bundle: String,
    kind: Kind,
    size: u64,
}

/// The root and bundle path of a file the studio knows, by name alone.
fn known(path: &str) -> Option<(String, String, Kind)> {
    if !is_safe_entry_name(path) {
        return None;
    }
    let split = |bundle: &str| path.strip_suffix(bundle).filter(|root| root.is_empty() || root.ends_with('/'));
    if let Some(root) = split(layout::SETTINGS_PATH) {
        return Some((root.into(), layout::SETTINGS_PATH.into(), Kind::Source));
    }
    // The bundle path starts at the last `k3s` segment.
    let at = if path.starts_with("k3s/") { 0 } else { path.rfind("/k3s/")? + 1 };
    let (root, bundle) = path.split_at(at);
    let kind = if bundle.strip_prefix(layout::PROJECTS_DIR).is_some_and(|f| !f.contains('/') && f.ends_with(".yaml")) {
        Kind::Project
    } else if bundle == layout::CHART_VALUES_PATH
        || bundle.strip_prefix(layout::VALUES_DIR).is_some_and(|f| !f.contains('/') && f.ends_with(".yaml"))
    {
        Kind::Source
    } else if layout::observability_env(bundle).is_some() {
        Kind::Observability
    } else {
        return None;
    };
    Some((root.into(), bundle.into(), kind))
}

/// The files of a folder, listed one by one ([`FolderScan::add`]).
#[derive(Debug, Default)]
pub struct FolderScan {
    entries: usize,
    known: Vec<Known>,
}

impl FolderScan {
    pub fn new() -> Self {
        FolderScan::default()
    }

    /// One listed file: its path relative to the opened folder
    /// (`/`-separated) and its size. A file under a skipped folder is left
    /// out; a file the studio does not know is only counted.
    pub fn add(&mut self, path: &str, size: u64) -> Result<(), FolderError> {
        let mut dirs = path.split('/');
        dirs.next_back();
        if dirs.any(skips_dir) {
            return Ok(());
        }
        self.entries += 1;
        if self.entries > MAX_FOLDER_ENTRIES {
            return Err(FolderError::TooManyEntries { limit: MAX_FOLDER_ENTRIES });
        }
        let Some((root, bundle, kind)) = known(path) else { return Ok(()) };
        if size > MAX_FOLDER_FILE_BYTES {
            return Err(FolderError::FileTooLarge { path: path.into(), size, limit: MAX_FOLDER_FILE_BYTES });
        }
        self.known.push(Known { path: path.into(), root, bundle, kind, size });
        Ok(())
    }

    /// The files to read: those under a folder that holds a project file.
    pub fn finish(self) -> Result<Plan, FolderError> {
        let roots: std::collections::BTreeSet<String> =
            self.known.iter().filter(|k| k.kind == Kind::Project).map(|k| k.root.clone()).collect();
        if roots.is_empty() {
            return Err(FolderError::NoProject);
        }
        let mut wanted: Vec<Known> = self.known.into_iter().filter(|k| roots.contains(&k.root)).collect();
        wanted.sort_by(|a, b| a.path.cmp(&b.path));
        if wanted.len() > MAX_FOLDER_FILES {
            return Err(FolderError::TooManyFiles { limit: MAX_FOLDER_FILES });
        }
        if wanted.iter().map(|k| k.size).sum::<u64>() > MAX_FOLDER_BYTES {
            return Err(FolderError::TooLarge { limit: MAX_FOLDER_BYTES });
        }
        Ok(Plan { wanted })
    }
}

/// The files of a folder to read, found by name.
#[derive(Debug, Clone)]
pub struct Plan {
    wanted: Vec<Known>,
}

impl Plan {
    /// The paths to read, relative to the opened folder, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.wanted.iter().map(|k| k.path.as_str())
    }

    /// Takes the bytes of every path of [`Plan::paths`] and finds the sites.
    /// A file missing or grown over the limits since it was listed is
    /// refused, as is a project file the studio cannot read (named with
    /// line and column) and two with one `project.name`.
    pub fn open(self, read: impl IntoIterator<Item = (String, Vec<u8>)>) -> Result<Folder, FolderError> {
        let mut bytes: BTreeMap<String, Vec<u8>> = read.into_iter().collect();
        let mut files = Vec::with_capacity(self.wanted.len());
        let mut total = 0u64;
        for k in self.wanted {
            let b = bytes.remove(&k.path).ok_or_else(|| FolderError::Unread {
                path: k.path.clone(),
                reason: "it was listed but not read".into(),
            })?;
            let size = b.len() as u64;
            if size > MAX_FOLDER_FILE_BYTES {
                return Err(FolderError::FileTooLarge { path: k.path, size, limit: MAX_FOLDER_FILE_BYTES });
            }
            total += size;
            if total > MAX_FOLDER_BYTES {
                return Err(FolderError::TooLarge { limit: MAX_FOLDER_BYTES });
            }
            let Ok(text) = String::from_utf8(b) else { return Err(FolderError::NotUtf8 { path: k.path }) };
            files.push((k, Arc::<str>::from(text)));
        }
        let mut sites = Vec::new();
        for (k, b) in files.iter().filter(|(k, _)| k.kind == Kind::Project) {
            let project = match recognise(&InputFile::new(k.path.clone(), b.as_bytes()))? {
                Recognised::Project { project, .. } => project,
                _ => {
                    return Err(ImportError::Unrecognised {
                        file: k.path.clone(),
                        reason: "a file in `k3s/argocd/projects/` that is no project file (expected `project:` and \
                                 `destinations:`)"
                            .into(),
                    }
                    .into())
                }
            };
            sites.push(Site {
                file: k.path.clone(),
                root: k.root.clone(),
                site: site_name(&k.path, &project).to_string(),
                name: project.name().map(str::to_owned),
                environments: project.environment_names(),
            });
        }
        let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for s in &sites {
            if let Some(name) = &s.name {
                by_name.entry(name).or_default().push(s.file.clone());
            }
        }
        if let Some((name, files)) = by_name.into_iter().find(|(_, f)| f.len() > 1) {
            return Err(FolderError::SameProjectName { name: name.into(), files });
        }
        Ok(Folder { sites, files })
    }
}

/// One site of a folder: a project file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The project file's path in the folder: what the page lists.
    pub file: String,
    /// The folder holding its `k3s/` (`""` or ending in `/`).
    pub root: String,
    /// The site name (the file's stem, as an imported file's).
    pub site: String,
    /// Its `project.name`.
    pub name: Option<String>,
    pub environments: Vec<String>,
}

/// A read folder: its sites and the files the studio knows.
#[derive(Debug, Clone)]
pub struct Folder {
    sites: Vec<Site>,
    files: Vec<(Known, Arc<str>)>,
}

/// One site's files of a folder: what to import, and what was opened.
#[derive(Debug, Clone)]
pub struct SiteFiles {
    /// The project file, the chart values, values files and settings under
    /// the site's root, named by their path in the folder, for
    /// [`crate::import::import`] (one batch, all or nothing).
    pub inputs: Vec<InputFile>,
    pub opened: Opened,
}

impl Folder {
    /// The sites, by project file path.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The site `pick` names (its file's path, its site name or its
    /// `project.name`), or the only one when `pick` is None.
    pub fn choose(&self, pick: Option<&str>) -> Result<SiteFiles, FolderError> {
        let listed = || self.sites.iter().map(|s| s.file.clone()).collect::<Vec<_>>();
        let site = match pick {
            None if self.sites.len() == 1 => &self.sites[0],
            None => return Err(FolderError::SeveralSites { sites: listed() }),
            Some(p) => {
                let by = |f: &dyn Fn(&Site) -> bool| self.sites.iter().filter(|s| f(s)).collect::<Vec<_>>();
                let mut found = by(&|s| s.file == p);
                if found.is_empty() {
                    found = by(&|s| s.site == p || s.name.as_deref() == Some(p));
                }
                match found[..] {
                    [one] => one,
                    [] => return Err(FolderError::NoSuchSite { name: p.into(), sites: listed() }),
                    _ => {
                        return Err(FolderError::SeveralSites { sites: found.iter().map(|s| s.file.clone()).collect() })
                    }
                }
            }
        };
        let mut inputs = Vec::new();
        let mut opened = Opened { root: site.root.clone(), files: BTreeMap::new() };
        for (k, bytes) in self.files.iter().filter(|(k, _)| k.root == site.root) {
            let take = match k.kind {
                Kind::Project => k.path == site.file,
                Kind::Source => true,
                Kind::Observability => {
                    layout::observability_env(&k.bundle).is_some_and(|env| site.environments.iter().any(|e| e == env))
                }
            };
            if !take {
                continue;
            }
            if k.kind != Kind::Observability {
                inputs.push(InputFile::new(k.path.clone(), bytes.as_bytes()));
            }
            let bundle = if k.kind == Kind::Project {
                // The site's project file is written at its site's path.
                layout::PROJECTS_DIR.to_owned() + &site.site + ".yaml"
            } else {
                k.bundle.clone()
            };
            opened.files.insert(bundle, bytes.clone());
        }
        Ok(SiteFiles { inputs, opened })
    }
}

/// The files as they were opened, by bundle path, and the folder they came
/// from: a patch names each file `root` + bundle path, relative to the
/// opened folder. Kept beside the state (it is not the project): the page
/// beside its state signal, the CLI for one command.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Opened {
    /// `""` or a folder path ending in `/`: where the site's `k3s/` is in
    /// the opened folder. `""` for single files (paths are the bundle's).
    pub root: String,
    pub files: BTreeMap<String, Arc<str>>,
}

impl Opened {
    /// The files of a state imported from single files (or a bundle): the
    /// text each source file had, by bundle path, under no root.
    pub fn from_originals(state: &crate::state::ProjectState) -> Self {
        let files = state.originals.0.iter().map(|(path, o)| (path.clone(), o.text.clone())).collect();
        Opened { root: String::new(), files }
    }

    /// A path as the opened folder names it.
    pub fn folder_path(&self, bundle_path: &str) -> String {
        format!("{}{bundle_path}", self.root)
    }
}

/// Reads a folder's listed files at once: [`FolderScan`], [`Plan::open`],
/// with `read` called for each file to read (tests, and shells that can
/// read synchronously).
pub fn open_folder<E: std::fmt::Display>(
    listed: impl IntoIterator<Item = (String, u64)>,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, E>,
) -> Result<Folder, FolderError> {
    let mut scan = FolderScan::new();
    for (path, size) in listed {
        scan.add(&path, size)?;
    }
    let plan = scan.finish()?;
    let mut read_files = Vec::new();
    for path in plan.paths() {
        let bytes = read(path).map_err(|e| FolderError::Unread { path: path.into(), reason: e.to_string() })?;
        read_files.push((path.to_owned(), bytes));
    }
    plan.open(read_files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> Result<Folder, FolderError> {
        let map: BTreeMap<&str, &str> = files.iter().copied().collect();
        open_folder(files.iter().map(|(p, t)| (p.to_string(), t.len() as u64)), |p| {
            map.get(p).map(|t| t.as_bytes().to_vec()).ok_or("missing")
        })
    }

    const JEJU: &str = "project: {name: jeju, namespace: j}\ndestinations: {prd: {server: https://k}}\n";
    const BUSAN: &str = "# 부산\nproject: {name: busan, namespace: b}\ndestinations: {stg: {server: https://k}}\n";

    #[test]
    fn known_files_are_found_by_name_under_any_root() {
        assert_eq!(known("k3s/argocd/projects/a.yaml").map(|k| k.2), Some(Kind::Project));
        let (root, bundle, kind) = known("infra/k3s/helm-chart/values/x.yaml").unwrap();
        assert_eq!((root.as_str(), bundle.as_str(), kind), ("infra/", "k3s/helm-chart/values/x.yaml", Kind::Source));
        assert_eq!(known("xgen-studio.yaml").map(|k| k.1), Some("xgen-studio.yaml".into()));
        assert_eq!(known("k3s/observability/prd/loki/retention.yaml").map(|k| k.2), Some(Kind::Observability));
        for not in [
            "k3s/argocd/projects/a.yml",
            "k3s/argocd/projects/sub/a.yaml",
            "k3s/helm-chart/templates/deployment.yaml",
            "my-xgen-studio.yaml",
            "README.md",
            "k3s/observability/prd/loki/custom.yaml",
            "a/../k3s/argocd/projects/a.yaml",
        ] {
            assert!(known(not).is_none(), "{not}");
        }
    }

    #[test]
    fn skipped_folders_are_neither_read_nor_counted() {
        let mut scan = FolderScan::new();
        for i in 0..MAX_FOLDER_ENTRIES + 10 {
            scan.add(&format!(".git/objects/{i}"), 10).unwrap();
            scan.add(&format!("web/node_modules/x/{i}.js"), 10).unwrap();
        }
        scan.add("k3s/argocd/projects/jeju.yaml", 10).unwrap();
        scan.add(".git/k3s/argocd/projects/other.yaml", 10).unwrap();
        let plan = scan.finish().unwrap();
        assert_eq!(plan.paths().collect::<Vec<_>>(), ["k3s/argocd/projects/jeju.yaml"]);
    }

    #[test]
    fn limits_are_said_in_both_languages() {
        let mut scan = FolderScan::new();
        let err = (0..=MAX_FOLDER_ENTRIES).find_map(|i| scan.add(&format!("docs/{i}.md"), 1).err()).unwrap();
        assert_eq!(err, FolderError::TooManyEntries { limit: MAX_FOLDER_ENTRIES });
        assert!(err.said().ko().contains("20000"));
        let err = FolderScan::new().add("k3s/helm-chart/values/big.yaml", 64 << 20).unwrap_err();
        assert!(err.to_string().starts_with("k3s/helm-chart/values/big.yaml: the file is 67108864 bytes"), "{err}");
        // An unknown large file is not read, so its size does not matter.
        FolderScan::new().add("assets/video.bin", 64 << 20).unwrap();
        let mut scan = FolderScan::new();
        scan.add("k3s/argocd/projects/a.yaml", 10).unwrap();
        for i in 0..MAX_FOLDER_FILES {
            scan.add(&format!("k3s/helm-chart/values/s{i}.yaml"), 10).unwrap();
        }
        assert_eq!(scan.finish().unwrap_err(), FolderError::TooManyFiles { limit: MAX_FOLDER_FILES });
        let mut scan = FolderScan::new();
        scan.add("k3s/argocd/projects/a.yaml", 10).unwrap();
        for i in 0..20 {
            scan.add(&format!("k3s/helm-chart/values/s{i}.yaml"), MAX_FOLDER_FILE_BYTES).unwrap();
        }
        assert_eq!(scan.finish().unwrap_err(), FolderError::TooLarge { limit: MAX_FOLDER_BYTES });
        assert_eq!(folder(&[("k3s/helm-chart/values.yaml", "global: {}\n")]).unwrap_err(), FolderError::NoProject);
    }

    #[test]
    fn several_sites_are_chosen_by_file_site_or_project_name() {
        let f = folder(&[
            ("k3s/argocd/projects/jeju.yaml", JEJU),
            ("k3s/argocd/projects/busan.yaml", BUSAN),
            ("k3s/helm-chart/values/xgen-core.yaml", "serviceName: xgen-core\n"),
            ("k3s/observability/prd/loki/retention.yaml", "x: 1\n"),
            ("k3s/observability/stg/loki/retention.yaml", "x: 2\n"),
            ("README.md", "not read"),
        ])
        .unwrap();
        let files: Vec<&str> = f.sites().iter().map(|s| s.file.as_str()).collect();
        assert_eq!(files, ["k3s/argocd/projects/busan.yaml", "k3s/argocd/projects/jeju.yaml"]);
        let err = f.choose(None).unwrap_err();
        assert!(err
            .to_string()
            .contains("several sites (k3s/argocd/projects/busan.yaml, k3s/argocd/projects/jeju.yaml)"));
        let jeju = f.choose(Some("jeju")).unwrap();
        let names: Vec<&str> = jeju.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["k3s/argocd/projects/jeju.yaml", "k3s/helm-chart/values/xgen-core.yaml"]);
        // Only the chosen site's environments' observability files.
        let opened: Vec<&str> = jeju.opened.files.keys().map(String::as_str).collect();
        assert_eq!(
            opened,
            [
                "k3s/argocd/projects/jeju.yaml",
                "k3s/helm-chart/values/xgen-core.yaml",
                "k3s/observability/prd/loki/retention.yaml"
            ]
        );
        assert_eq!(f.choose(Some("k3s/argocd/projects/busan.yaml")).unwrap().inputs.len(), 2);
        let err = f.choose(Some("daegu")).unwrap_err();
        assert!(matches!(err, FolderError::NoSuchSite { .. }), "{err}");
        assert!(err.said().ko().contains("daegu"));
    }

    #[test]
    fn a_root_below_the_opened_folder_names_patch_paths() {
        let f =
            folder(&[("infra/k3s/argocd/projects/jeju.yaml", JEJU), ("infra/xgen-studio.yaml", "kind: x\n")]).unwrap();
        let s = f.choose(None).unwrap();
        assert_eq!(s.opened.root, "infra/");
        assert_eq!(s.opened.folder_path("xgen-studio.yaml"), "infra/xgen-studio.yaml");
        assert!(s.opened.files.contains_key("xgen-studio.yaml"));
        // A settings file under no root with a project is not read.
        let f = folder(&[("infra/k3s/argocd/projects/jeju.yaml", JEJU), ("xgen-studio.yaml", "kind: x\n")]).unwrap();
        assert_eq!(f.choose(None).unwrap().inputs.len(), 1);
    }

    #[test]
    fn two_project_files_with_one_name_are_refused() {
        let err =
            folder(&[("k3s/argocd/projects/jeju.yaml", JEJU), ("k3s/argocd/projects/jeju2.yaml", JEJU)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "k3s/argocd/projects/jeju.yaml and k3s/argocd/projects/jeju2.yaml have the same project.name `jeju`: \
             Argo CD would see one project twice; give each site its own name"
        );
        assert!(err.said().ko().contains("project.name"));
    }

    #[test]
    fn an_unreadable_project_file_is_named_with_line_and_column() {
        let err = folder(&[("k3s/argocd/projects/bad.yaml", "project:\n  name: [x\n")]).unwrap_err();
        match &err {
            FolderError::Import(e) => {
                assert_eq!(e.file(), Some("k3s/argocd/projects/bad.yaml"));
                assert!(e.line_column().is_some(), "{e}");
            }
            other => panic!("{other:?}"),
        }
        let err = folder(&[("k3s/argocd/projects/a.yaml", JEJU), ("k3s/helm-chart/values/x.yaml", "\u{0}")]);
        assert!(err.is_ok(), "values files are read by the import, not here");
        let err =
            open_folder([("k3s/argocd/projects/a.yaml".to_string(), 3)], |_| Ok::<_, String>(vec![0xff, 0xfe, 0]))
                .unwrap_err();
        assert_eq!(err, FolderError::NotUtf8 { path: "k3s/argocd/projects/a.yaml".into() });
    }
}
