//! The site's offline copy: after trunk has built `dist/`, the service worker (`sw.js`, copied
//! there from `static/sw.js`) gets the list of files to keep in the browser, with trunk's hashed
//! names, and a version made from their bytes, so a new deployment is a new worker.

use std::hash::Hasher;
use std::path::Path;
use tiemap_core::hash::Fnv1a64;

/// The service worker's file, in `dist/`.
pub const SERVICE_WORKER: &str = "sw.js";
/// The template's lines that [`service_worker`] fills in.
const VERSION_LINE: &str = "const VERSION = 'dev';";
const FILES_LINE: &str = "const FILES = [];";

/// Writes the file list and version into `dist/sw.js`. Returns how many files and bytes the
/// browser will keep.
pub fn write_precache(dist: &Path) -> Result<(usize, u64), String> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.retain(|(path, _)| path != SERVICE_WORKER);
    files.sort();
    let sw_path = dist.join(SERVICE_WORKER);
    let template =
        std::fs::read_to_string(&sw_path).map_err(|e| format!("{}: {e}", sw_path.display()))?;
    let sw = service_worker(&template, &files)?;
    std::fs::write(&sw_path, sw).map_err(|e| format!("{}: {e}", sw_path.display()))?;
    let bytes = files.iter().map(|(_, b)| b.len() as u64).sum();
    Ok((files.len(), bytes))
}

/// Every file under `dir`, as its path relative to `root` with `/` separators, and its bytes.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push((relative, bytes));
    }
    Ok(())
}

/// The service worker template with its version and file list filled in. The version is
/// FNV-1a over every file's name and bytes: any change to the site changes it.
pub fn service_worker(template: &str, files: &[(String, Vec<u8>)]) -> Result<String, String> {
    if !template.contains(VERSION_LINE) || !template.contains(FILES_LINE) {
        return Err(format!(
            "{SERVICE_WORKER} is not the template from static/sw.js (`{VERSION_LINE}` and \
             `{FILES_LINE}` expected): was it written over twice?"
        ));
    }
    let mut hash = Fnv1a64::new();
    for (name, bytes) in files {
        hash.write(name.as_bytes());
        hash.write_u8(0);
        hash.write_u64(bytes.len() as u64);
        hash.write(bytes);
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let list = serde_json::to_string(&names).map_err(|e| e.to_string())?;
    Ok(template
        .replace(
            VERSION_LINE,
            &format!("const VERSION = '{:016x}';", hash.finish()),
        )
        .replace(FILES_LINE, &format!("const FILES = {list};")))
}

#[cfg(test)]
mod tests {
    use super::service_worker;

    const TEMPLATE: &str = "const VERSION = 'dev';\nconst FILES = [];\nrest();\n";

    fn files(app: &[u8]) -> Vec<(String, Vec<u8>)> {
        vec![
            ("index.html".into(), b"<html>".to_vec()),
            ("app-1a2b_bg.wasm".into(), app.to_vec()),
            ("icons/icon.svg".into(), b"<svg/>".to_vec()),
        ]
    }

    #[test]
    fn lists_the_files_and_versions_them_by_their_bytes() {
        let sw = service_worker(TEMPLATE, &files(b"v1")).unwrap();
        assert!(
            sw.contains(r#"const FILES = ["index.html","app-1a2b_bg.wasm","icons/icon.svg"];"#),
            "{sw}"
        );
        assert!(sw.ends_with("rest();\n"));
        let version = |s: &str| s.lines().next().unwrap().to_string();
        assert_ne!(version(&sw), "const VERSION = 'dev';");
        // the same site: the same version; one byte changed: another
        assert_eq!(
            version(&sw),
            version(&service_worker(TEMPLATE, &files(b"v1")).unwrap())
        );
        assert_ne!(
            version(&sw),
            version(&service_worker(TEMPLATE, &files(b"v2")).unwrap())
        );
    }

    #[test]
    fn refuses_a_worker_already_filled_in() {
        let sw = service_worker(TEMPLATE, &files(b"v1")).unwrap();
        assert!(service_worker(&sw, &files(b"v1")).is_err());
        assert!(service_worker("self.addEventListener('fetch', f);", &[]).is_err());
    }
}
