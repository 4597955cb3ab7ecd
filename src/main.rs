//! The web page's entry point; trunk builds it for wasm32 (see index.html).

#[cfg(target_arch = "wasm32")]
fn main() {
    xgen_studio_web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("xgen-studio-web is the web page: build and serve it with ./scripts/serve.sh");
}
