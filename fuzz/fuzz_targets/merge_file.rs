#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dagsorden_fuzz::checks::merge_file(data));
