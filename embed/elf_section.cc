#include "embed/elf_section.h"

#include <elf.h>

#include <algorithm>
#include <cstring>

#include "embed/payload_format.h"

namespace tfb::embed {

namespace {

// The ELF structures are read with memcpy: the target (x86-64 Linux) is
// little-endian like the files we accept, and memcpy has no alignment needs.
template <class T> T read_struct(std::span<const uint8_t> file, uint64_t offset) {
  T v;
  std::memcpy(&v, file.data() + offset, sizeof(T));
  return v;
}

bool fits(uint64_t offset, uint64_t size, uint64_t total) { return offset <= total && size <= total - offset; }

// The parts of an ELF file this code relies on, checked against its size.
struct ElfView {
  Elf64_Ehdr ehdr;
  std::vector<Elf64_Shdr> sections;
  Elf64_Shdr names;  // the section-name string table
};

bool parse_elf(std::span<const uint8_t> file, ElfView* v, std::string* why) {
  if (file.size() < sizeof(Elf64_Ehdr) || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0) {
    *why = "not an ELF file";
    return false;
  }
  v->ehdr = read_struct<Elf64_Ehdr>(file, 0);
  const Elf64_Ehdr& h = v->ehdr;
  if (h.e_ident[EI_CLASS] != ELFCLASS64 || h.e_ident[EI_DATA] != ELFDATA2LSB) {
    *why = "not a 64-bit little-endian ELF file";
    return false;
  }
  if (h.e_shoff == 0 || h.e_shnum == 0) {
    *why = "the ELF file has no section headers";
    return false;
  }
  if (h.e_shentsize != sizeof(Elf64_Shdr) || h.e_shnum >= SHN_LORESERVE || h.e_shstrndx >= h.e_shnum) {
    *why = "unusual ELF section header table (entry size, count or name-table index)";
    return false;
  }
  if (!fits(h.e_shoff, uint64_t{h.e_shnum} * sizeof(Elf64_Shdr), file.size())) {
    *why = "the ELF section header table lies past the end of the file";
    return false;
  }
  v->sections.resize(h.e_shnum);
  for (unsigned i = 0; i < h.e_shnum; ++i)
    v->sections[i] = read_struct<Elf64_Shdr>(file, h.e_shoff + uint64_t{i} * sizeof(Elf64_Shdr));
  v->names = v->sections[h.e_shstrndx];
  if (v->names.sh_type != SHT_STRTAB || !fits(v->names.sh_offset, v->names.sh_size, file.size())) {
    *why = "the ELF section-name table is missing or lies past the end of the file";
    return false;
  }
  return true;
}

bool section_named(std::span<const uint8_t> file, const ElfView& v, const Elf64_Shdr& s, std::string_view name) {
  if (s.sh_name >= v.names.sh_size) return false;
  const char* start = reinterpret_cast<const char*>(file.data() + v.names.sh_offset + s.sh_name);
  size_t room = v.names.sh_size - s.sh_name;
  return strnlen(start, room) == name.size() && name.size() < room && std::memcmp(start, name.data(), name.size()) == 0;
}

Error bad_elf(const std::string& message) { return {ErrorCode::kBadElf, "stub: " + message}; }

}  // namespace

SectionLookup find_section(std::span<const uint8_t> file, std::string_view name, SectionRange* range,
                           std::string* why) {
  ElfView v;
  if (!parse_elf(file, &v, why)) return SectionLookup::kNoHeaders;
  for (const Elf64_Shdr& s : v.sections) {
    if (s.sh_type != SHT_PROGBITS || !section_named(file, v, s, name)) continue;
    *range = {s.sh_offset, s.sh_size};
    return SectionLookup::kFound;
  }
  return SectionLookup::kNotFound;
}

Error add_section(std::span<const uint8_t> elf, std::string_view name, std::span<const uint8_t> contents,
                  uint64_t align, std::vector<uint8_t>* out) {
  ElfView v;
  std::string why;
  if (!parse_elf(elf, &v, &why)) return bad_elf(why);
  const Elf64_Ehdr& h = v.ehdr;
  if (h.e_shnum + 1 >= SHN_LORESERVE) return bad_elf("has too many sections to add one");
  for (const Elf64_Shdr& s : v.sections)
    if (section_named(elf, v, s, name))
      return bad_elf("already has a section " + std::string(name) + " (an app, not a stub?)");

  // Keep every byte a segment or section (other than the name table, which
  // is rewritten) refers to; drop the old header table and name table.
  uint64_t keep = sizeof(Elf64_Ehdr);
  if (h.e_phnum > 0) {
    if (h.e_phentsize != sizeof(Elf64_Phdr) || !fits(h.e_phoff, uint64_t{h.e_phnum} * sizeof(Elf64_Phdr), elf.size()))
      return bad_elf("program header table lies past the end of the file");
    keep = std::max<uint64_t>(keep, h.e_phoff + uint64_t{h.e_phnum} * sizeof(Elf64_Phdr));
    for (unsigned i = 0; i < h.e_phnum; ++i) {
      auto p = read_struct<Elf64_Phdr>(elf, h.e_phoff + uint64_t{i} * sizeof(Elf64_Phdr));
      if (!fits(p.p_offset, p.p_filesz, elf.size())) return bad_elf("segment " + std::to_string(i) + " lies past the end of the file");
      keep = std::max(keep, p.p_offset + p.p_filesz);
    }
  }
  for (unsigned i = 0; i < h.e_shnum; ++i) {
    const Elf64_Shdr& s = v.sections[i];
    if (i == h.e_shstrndx || s.sh_type == SHT_NOBITS || s.sh_type == SHT_NULL) continue;
    if (!fits(s.sh_offset, s.sh_size, elf.size())) return bad_elf("section " + std::to_string(i) + " lies past the end of the file");
    keep = std::max(keep, s.sh_offset + s.sh_size);
  }

  // New name table: the old one plus the new name.
  std::vector<uint8_t> names(elf.begin() + static_cast<ptrdiff_t>(v.names.sh_offset),
                             elf.begin() + static_cast<ptrdiff_t>(v.names.sh_offset + v.names.sh_size));
  uint32_t name_offset = static_cast<uint32_t>(names.size());
  names.insert(names.end(), name.begin(), name.end());
  names.push_back(0);

  uint64_t names_offset = keep;
  uint64_t table_offset = format::align_up(names_offset + names.size(), alignof(Elf64_Shdr));
  uint64_t table_size = (uint64_t{h.e_shnum} + 1) * sizeof(Elf64_Shdr);
  uint64_t contents_offset = format::align_up(table_offset + table_size, align);

  std::vector<Elf64_Shdr> sections = v.sections;
  sections[h.e_shstrndx].sh_offset = names_offset;
  sections[h.e_shstrndx].sh_size = names.size();
  Elf64_Shdr added{};
  added.sh_name = name_offset;
  added.sh_type = SHT_PROGBITS;
  added.sh_offset = contents_offset;
  added.sh_size = contents.size();
  added.sh_addralign = align;
  sections.push_back(added);

  Elf64_Ehdr header = h;
  header.e_shoff = table_offset;
  header.e_shnum = static_cast<Elf64_Half>(sections.size());

  out->assign(contents_offset + contents.size(), 0);
  std::memcpy(out->data(), elf.data(), keep);
  std::memcpy(out->data(), &header, sizeof(header));
  std::memcpy(out->data() + names_offset, names.data(), names.size());
  std::memcpy(out->data() + table_offset, sections.data(), table_size);
  if (!contents.empty()) std::memcpy(out->data() + contents_offset, contents.data(), contents.size());
  return {};
}

}  // namespace tfb::embed
