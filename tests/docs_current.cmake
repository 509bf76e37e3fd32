# Fails when docs/CONFIG.md differs from what `skiffd --config-reference` prints now.
execute_process(
  COMMAND ${SKIFFD} --config-reference --override plugin.path=${PLUGIN_DIR}
  OUTPUT_VARIABLE generated ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "skiffd --config-reference failed (${rc})")
endif()
file(READ ${DOC} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/CONFIG.md is out of date: run scripts/gen-config-reference.sh")
endif()
message(STATUS "docs/CONFIG.md matches the code's config definitions")
