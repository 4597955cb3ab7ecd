// Shared by the targets: the input's first byte picks the file name, so one
// corpus reaches every way the import recognises a file.
use xgen_core::InputFile;

const NAMES: &[&str] =
    &["k3s/argocd/projects/xgen.yaml", "values.yaml", "xgen-core.yaml", "xgen-studio.yaml", "bundle.zip", "site.yml"];

pub fn input_file(data: &[u8]) -> Option<InputFile> {
    let (first, rest) = data.split_first()?;
    Some(InputFile::new(NAMES[*first as usize % NAMES.len()], rest.to_vec()))
}
