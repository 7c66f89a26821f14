#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dagsorden_fuzz::checks::cache_files(data));
