//! The one configuration every output is computed from, and its defaults.
//!
//! A `Config` holds only validated values (see `value`), so generators and the
//! startup prediction can be total functions of it. Raw text from a form, a link
//! or the command line becomes a `Config` through `draft::Draft::validate` and
//! nowhere else. Cross-field rules (what the consolidated layout implies, where
//! the PID directory is) live here, never in the UI.

pub mod draft;
pub mod hardening;
pub mod value;

pub use draft::{Draft, DraftHardening, DraftLimit, DraftMount, Field, FieldError};
pub use hardening::{Hardening, HardeningOption};
pub use value::{
    AbsPath, ContainerName, Cpus, ImageRef, PidsLimit, Port, Problem, RestartRetries, Size, Unit,
};

/// The build image nginx is taken from: pinned, on the same Debian release
/// (trixie, Debian 13) as the default distroless base. 1.30.5 is the stable
/// release nginx-unprivileged published last (September 2026).
pub const DEFAULT_BUILD_IMAGE: &str = "nginxinc/nginx-unprivileged:1.30.5-trixie";
pub const DEFAULT_FINAL_IMAGE: &str = "gcr.io/distroless/base-debian13:nonroot";
pub const DEFAULT_IMAGE_NAME: &str = "nginx-secure";
pub const DEFAULT_CONTAINER_NAME: &str = "nginx-secure";
/// The port nginx-unprivileged listens on (`listen 8080;` in `default.conf`).
pub const STOCK_LISTEN_PORT: u16 = 8080;
/// Where nginx-unprivileged writes its PID file: all of `/tmp` would have to be writable.
pub const STOCK_PID_FILE: &str = "/tmp/nginx.pid";
pub const DEFAULT_PID_FILE: &str = "/tmp/nginx/nginx.pid";
/// The uid and gid nginx-unprivileged runs as.
pub const NGINX_UID: u32 = 101;
/// Binding a port below this takes `NET_BIND_SERVICE`.
pub const FIRST_UNPRIVILEGED_PORT: u16 = 1024;

/// One of nginx's five temporary paths, in the order nginx-unprivileged's
/// `nginx.conf` sets them, which is the order nginx creates them at startup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TempKind {
    Proxy,
    ClientBody,
    Fastcgi,
    Uwsgi,
    Scgi,
}

impl TempKind {
    pub const ALL: [TempKind; 5] =
        [TempKind::Proxy, TempKind::ClientBody, TempKind::Fastcgi, TempKind::Uwsgi, TempKind::Scgi];

    /// The nginx directive that sets this path.
    pub fn directive(self) -> &'static str {
        match self {
            TempKind::Proxy => "proxy_temp_path",
            TempKind::ClientBody => "client_body_temp_path",
            TempKind::Fastcgi => "fastcgi_temp_path",
            TempKind::Uwsgi => "uwsgi_temp_path",
            TempKind::Scgi => "scgi_temp_path",
        }
    }

    /// The directory name nginx-unprivileged uses under `/tmp`.
    pub fn dir_name(self) -> &'static str {
        match self {
            TempKind::Proxy => "proxy_temp",
            TempKind::ClientBody => "client_temp",
            TempKind::Fastcgi => "fastcgi_temp",
            TempKind::Uwsgi => "uwsgi_temp",
            TempKind::Scgi => "scgi_temp",
        }
    }

    /// What nginx keeps there, and what breaks when it cannot.
    pub fn reason(self) -> &'static str {
        match self {
            TempKind::Proxy => {
                "Proxied responses too large for memory buffers spill here; without it nginx \
                 will not start."
            }
            TempKind::ClientBody => {
                "Request bodies larger than client_body_buffer_size (uploads, large POSTs) are \
                 written here; without it nginx will not start."
            }
            TempKind::Fastcgi => {
                "FastCGI responses (PHP-FPM) spill here; nginx creates it at startup even if \
                 unused, so without it nginx will not start."
            }
            TempKind::Uwsgi => {
                "uWSGI responses (Python apps) spill here; nginx creates it at startup even if \
                 unused, so without it nginx will not start."
            }
            TempKind::Scgi => {
                "SCGI responses spill here; nginx creates it at startup even if unused, so \
                 without it nginx will not start."
            }
        }
    }

    /// The path nginx-unprivileged configures for this kind.
    pub fn stock_path(self) -> AbsPath {
        AbsPath::from_trusted(format!("/tmp/{}", self.dir_name()))
    }
}

/// A writable directory the user may turn on: a tmpfs of a given size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub path: AbsPath,
    pub size: Size,
    pub enabled: bool,
}

/// Everything the playground can set. Every field is valid by construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub build_image: ImageRef,
    pub final_image: ImageRef,
    /// The tag `docker build -t` gives the result.
    pub image_name: ImageRef,
    pub container_name: ContainerName,
    pub host_port: Port,
    pub container_port: Port,
    pub pid_file: AbsPath,
    /// `Some(dir)` points all five temp paths into `dir` (the consolidated layout).
    pub temp_root: Option<AbsPath>,
    /// The tmpfs mounts in the order they are listed and printed; paths are distinct.
    pub mounts: Vec<Mount>,
    /// `--read-only` and the run command's other safeguards.
    pub hardening: Hardening,
}

impl Default for Config {
    /// The blog post's setup, on current images.
    fn default() -> Config {
        let mut mounts: Vec<Mount> = TempKind::ALL
            .iter()
            .map(|k| Mount { path: k.stock_path(), size: size(2, Unit::M), enabled: true })
            .collect();
        mounts.push(Mount { path: path("/tmp/nginx"), size: size(1, Unit::M), enabled: true });
        Config {
            build_image: image(DEFAULT_BUILD_IMAGE),
            final_image: image(DEFAULT_FINAL_IMAGE),
            image_name: image(DEFAULT_IMAGE_NAME),
            container_name: ContainerName::parse(DEFAULT_CONTAINER_NAME).expect("valid default"),
            host_port: Port::new(STOCK_LISTEN_PORT).expect("valid default"),
            container_port: Port::new(STOCK_LISTEN_PORT).expect("valid default"),
            pid_file: path(DEFAULT_PID_FILE),
            temp_root: None,
            mounts,
            hardening: Hardening::default(),
        }
    }
}

impl Config {
    /// The directory the PID file lives in (never `/`: validation refuses that).
    pub fn pid_dir(&self) -> AbsPath {
        self.pid_file.parent().expect("validation keeps the PID file out of /")
    }

    /// Where nginx will be told to keep each temp path, in nginx's creation order.
    pub fn temp_paths(&self) -> [(TempKind, AbsPath); 5] {
        TempKind::ALL.map(|kind| {
            let path = match &self.temp_root {
                Some(root) => root.join(kind.dir_name()),
                None => kind.stock_path(),
            };
            (kind, path)
        })
    }

    /// The mounts that are switched on, in order.
    pub fn enabled_mounts(&self) -> impl Iterator<Item = &Mount> {
        self.mounts.iter().filter(|m| m.enabled)
    }

    /// Whether dropping every capability must add `NET_BIND_SERVICE` back:
    /// only when nginx listens below 1024 in the container.
    pub fn needs_bind_service(&self) -> bool {
        self.container_port.get() < FIRST_UNPRIVILEGED_PORT
    }

    /// What the enabled tmpfs mounts can hold together, in bytes.
    pub fn tmpfs_bytes(&self) -> u64 {
        self.enabled_mounts().map(|m| m.size.bytes()).sum()
    }

    pub fn mount(&self, path: &AbsPath) -> Option<&Mount> {
        self.mounts.iter().find(|m| &m.path == path)
    }

    /// Whether `path` is one of the user's own directories, which can be removed,
    /// rather than one nginx is set up to write to (a stock temp path, the PID
    /// directory, the shared temp directory), which can only be switched off.
    pub fn is_own_mount(&self, path: &AbsPath) -> bool {
        TempKind::ALL.iter().all(|k| k.stock_path() != *path)
            && *path != self.pid_dir()
            && self.temp_root.as_ref() != Some(path)
    }

    /// The tmpfs size a directory the user adds starts with: the blog post's
    /// size for the PID directory, the smallest it gives any directory.
    pub fn new_mount_size() -> Size {
        size(1, Unit::M)
    }

    /// Switches the consolidated layout on with `root` as the shared temp
    /// directory, or off with `None`. Turning it on disables the stock temp
    /// mounts (nothing uses them any more) and makes sure `root` is mounted;
    /// turning it off enables the stock mounts again, adding any that are missing.
    pub fn set_temp_root(&mut self, root: Option<AbsPath>) {
        match &root {
            Some(root) => {
                for mount in &mut self.mounts {
                    if TempKind::ALL.iter().any(|k| k.stock_path() == mount.path) {
                        mount.enabled = false;
                    }
                }
                match self.mounts.iter_mut().find(|m| &m.path == root) {
                    Some(mount) => mount.enabled = true,
                    None => self.mounts.push(Mount {
                        path: root.clone(),
                        size: size(10, Unit::M),
                        enabled: true,
                    }),
                }
            }
            None => {
                for kind in TempKind::ALL {
                    let stock = kind.stock_path();
                    match self.mounts.iter_mut().find(|m| m.path == stock) {
                        Some(mount) => mount.enabled = true,
                        None => self.mounts.push(Mount {
                            path: stock,
                            size: size(2, Unit::M),
                            enabled: true,
                        }),
                    }
                }
            }
        }
        self.temp_root = root;
    }
}

fn path(text: &str) -> AbsPath {
    AbsPath::parse(text).expect("built-in paths are valid")
}

fn image(text: &str) -> ImageRef {
    ImageRef::parse(text).expect("built-in image references are valid")
}

fn size(amount: u64, unit: Unit) -> Size {
    Size::new(amount, unit).expect("built-in sizes are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_blog_post() {
        let config = Config::default();
        let mounts: Vec<String> =
            config.enabled_mounts().map(|m| format!("{}={}", m.path, m.size)).collect();
        assert_eq!(
            mounts,
            [
                "/tmp/proxy_temp=2m",
                "/tmp/client_temp=2m",
                "/tmp/fastcgi_temp=2m",
                "/tmp/uwsgi_temp=2m",
                "/tmp/scgi_temp=2m",
                "/tmp/nginx=1m"
            ]
        );
        assert_eq!(config.pid_dir().as_str(), "/tmp/nginx");
        assert!(config.build_image.is_pinned() && config.final_image.is_pinned());
    }

    #[test]
    fn consolidating_into_the_pid_dir_leaves_one_mount() {
        let mut config = Config::default();
        config.set_temp_root(Some(config.pid_dir()));
        let on: Vec<&str> = config.enabled_mounts().map(|m| m.path.as_str()).collect();
        assert_eq!(on, ["/tmp/nginx"]);
        assert_eq!(config.temp_paths()[1].1.as_str(), "/tmp/nginx/client_temp");

        config.set_temp_root(None);
        assert_eq!(config.enabled_mounts().count(), 6);
        assert_eq!(config.temp_paths()[1].1.as_str(), "/tmp/client_temp");
    }

    #[test]
    fn consolidating_elsewhere_adds_a_mount() {
        let mut config = Config::default();
        config.set_temp_root(Some(path("/var/cache/nginx")));
        let on: Vec<String> =
            config.enabled_mounts().map(|m| format!("{}={}", m.path, m.size)).collect();
        assert_eq!(on, ["/tmp/nginx=1m", "/var/cache/nginx=10m"]);
    }
}
