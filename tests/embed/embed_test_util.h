// Helpers for the payload tests: a tiny ELF stub (so every length and every
// byte of a whole app can be tried quickly) and app building in memory.
#pragma once

#include <elf.h>

#include <cstring>
#include <string>
#include <vector>

#include "embed/payload.h"
#include "embed/version.h"
#include "support/test_util.h"

namespace tfb::test {

// A minimal well-formed ELF64 file: header, a 16-byte .text, a name table
// and the section header table.
inline std::vector<uint8_t> tiny_elf() {
  const char names[] = "\0.text\0.shstrtab";
  const uint64_t text_at = sizeof(Elf64_Ehdr), text_size = 16;
  const uint64_t names_at = text_at + text_size;
  const uint64_t table_at = (names_at + sizeof(names) + 7) / 8 * 8;
  std::vector<uint8_t> f(table_at + 3 * sizeof(Elf64_Shdr), 0);
  Elf64_Ehdr h{};
  std::memcpy(h.e_ident, ELFMAG, SELFMAG);
  h.e_ident[EI_CLASS] = ELFCLASS64;
  h.e_ident[EI_DATA] = ELFDATA2LSB;
  h.e_ident[EI_VERSION] = EV_CURRENT;
  h.e_type = ET_EXEC;
  h.e_machine = EM_X86_64;
  h.e_version = EV_CURRENT;
  h.e_ehsize = sizeof(Elf64_Ehdr);
  h.e_phentsize = sizeof(Elf64_Phdr);
  h.e_shoff = table_at;
  h.e_shentsize = sizeof(Elf64_Shdr);
  h.e_shnum = 3;
  h.e_shstrndx = 2;
  std::memcpy(f.data(), &h, sizeof h);
  std::memset(f.data() + text_at, 0xc3, text_size);
  std::memcpy(f.data() + names_at, names, sizeof(names));
  Elf64_Shdr s[3] = {};
  s[1].sh_name = 1;
  s[1].sh_type = SHT_PROGBITS;
  s[1].sh_flags = SHF_ALLOC | SHF_EXECINSTR;
  s[1].sh_offset = text_at;
  s[1].sh_size = text_size;
  s[1].sh_addralign = 16;
  s[2].sh_name = 7;
  s[2].sh_type = SHT_STRTAB;
  s[2].sh_offset = names_at;
  s[2].sh_size = sizeof(names);
  s[2].sh_addralign = 1;
  std::memcpy(f.data() + table_at, s, sizeof s);
  return f;
}

inline embed::PackOptions test_pack_options() {
  embed::PackOptions o;
  o.runtime_version = embed::kRuntimeVersion;
  o.target = embed::kTarget;
  return o;
}

// Writes an app with write_app into a fresh directory; returns its bytes.
inline std::vector<uint8_t> make_app(std::span<const uint8_t> stub, const std::vector<embed::EntrySource>& entries,
                                     const embed::PackOptions& options = test_pack_options()) {
  fs::path path = temp_dir("embed-app") / "app";
  embed::Error e = embed::write_app(stub, entries, options, path.string());
  EXPECT_TRUE(e.ok()) << e.message;
  if (!e.ok()) return {};
  auto bytes = read_file(path);
  // Mode byte 1 of fuzz_payload: hashes are fixed up after mutation.
  std::vector<uint8_t> seed = {1};
  seed.insert(seed.end(), bytes.begin(), bytes.end());
  keep_fuzz_seed("payload", seed);
  return bytes;
}

// Opens the app from memory and checks every entry.
inline embed::Error open_and_verify(std::span<const uint8_t> app, embed::PayloadReader* reader) {
  if (embed::Error e = embed::PayloadReader::open_bytes(app, "app", reader); !e.ok()) return e;
  return reader->verify_all();
}

// The hello_world model from ../shared, or a small stand-in made of
// structured bytes when ../shared is absent (the payload does not parse it).
inline std::vector<uint8_t> sample_model() {
  if (!shared_dir().empty()) return read_file(shared_dir() / "models" / "hello_world_float.tflite");
  std::vector<uint8_t> m(3000);
  for (size_t i = 0; i < m.size(); ++i) m[i] = static_cast<uint8_t>((i * 7) % 13);
  return m;
}

}  // namespace tfb::test
