# Turns the compiled message catalogs (<lang>.mo, made by msgfmt from
# po/<lang>.po) into a C source file, so every language is part of the binary
# and works without an installed locale or libintl.
# Run as: cmake -DOUT=file.c -DMO_DIR=dir -DLANGS=fr,de -P embed_mo.cmake
string(REPLACE "," ";" LANGS "${LANGS}")
set(body "/* Generated from the po files at build time. Do not edit. */\n#include \"i18n.h\"\n\n")
set(table "")
foreach(lang ${LANGS})
  file(READ "${MO_DIR}/${lang}.mo" hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "static const unsigned char mo_${lang}[] = {${bytes}};\n")
  string(APPEND table "    {\"${lang}\", mo_${lang}, ${len}},\n")
endforeach()
string(APPEND body "\nconst tr_catalog_bytes tr_embedded_catalogs[] = {\n${table}    {0, 0, 0}\n};\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
