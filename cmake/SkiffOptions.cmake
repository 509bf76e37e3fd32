# Build switches shared by every target: warnings as errors, sanitizers, ccache.
option(SKIFF_WERROR "Treat warnings as errors" ON)
option(SKIFF_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
option(SKIFF_BUILD_TESTS "Build the test suite" ON)
option(SKIFF_BUILD_BENCH "Build the benchmarks" ON)
option(SKIFF_FUZZ "Build libFuzzer targets (needs clang)" OFF)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

add_compile_options(-Wall -Wextra)
if(SKIFF_WERROR)
  add_compile_options(-Werror)
endif()
if(SKIFF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Plugins are installed here and found on plugin.path. Their conf.d snippets go
# beside the server.properties skiffd is started with: /etc/skiff, whatever the prefix.
set(SKIFF_PLUGIN_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/skiff/plugins")
set(SKIFF_CONF_D_INSTALL_DIR "/etc/skiff/conf.d")
# During development plugins are collected in one folder of the build tree.
set(SKIFF_PLUGIN_BUILD_DIR "${CMAKE_BINARY_DIR}/plugins-out")

# skiff_add_plugin(<name> SOURCES ... [LIBS ...] [PACKAGE "summary"]): a plugin
# shared object that may include only sdk/ and its own folder. The folder's snippet
# <name>.conf, if any, is installed into conf.d. PACKAGE (for plugins with heavy
# dependencies) ships it as the package skiff-plugin-<name> instead of in skiff.
function(skiff_add_plugin name)
  cmake_parse_arguments(P "" "PACKAGE" "SOURCES;LIBS" ${ARGN})
  set(component skiff)
  if(P_PACKAGE)
    set(component plugin-${name})
    set_property(GLOBAL APPEND PROPERTY SKIFF_PLUGIN_PACKAGES ${name})
    set_property(GLOBAL PROPERTY SKIFF_PLUGIN_PACKAGE_SUMMARY_${name} "${P_PACKAGE}")
  endif()
  add_library(skiff-plugin-${name} MODULE ${P_SOURCES})
  target_link_libraries(skiff-plugin-${name} PRIVATE skiff::sdk ${P_LIBS})
  set_target_properties(skiff-plugin-${name} PROPERTIES
    PREFIX "" OUTPUT_NAME "${name}"
    LIBRARY_OUTPUT_DIRECTORY "${SKIFF_PLUGIN_BUILD_DIR}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  install(TARGETS skiff-plugin-${name} LIBRARY DESTINATION ${SKIFF_PLUGIN_INSTALL_DIR}
          COMPONENT ${component})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${name}.conf)
    install(FILES ${name}.conf DESTINATION ${SKIFF_CONF_D_INSTALL_DIR} COMPONENT ${component})
    set_property(GLOBAL APPEND PROPERTY SKIFF_SNIPPETS_${component} ${name}.conf)
  endif()
endfunction()
