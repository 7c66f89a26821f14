#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dagsorden_fuzz::checks::import_text(data));
