#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only when they are missing:
#   chromium-headless-shell - the headless browser the HTML/site tests drive (Playwright,
#                           executable path): Chromium's own, lighter for automation
#   chromium              - the desktop browser a reader opens: the site's journeys run in it too
#   default-jre-headless  - Java for HermiT (via owlready2), which checks our OWL export,
#                           and for Apache Jena (tests/jena.py runs tests/JenaQueries.java
#                           with Java's source launcher: Debian's JRE has jdk.compiler)
#   nodejs, npm           - Node.js for Comunica (tests/js, tests/test_serve_comunica.py);
#                           machines of this kind have them, a bare Debian does not
#   libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0
#                         - the text layout WeasyPrint prints the glossary with (copro-kg
#                           print), and libcairo2 under CairoSVG (PNG pictures)
#   fonts-liberation      - Arial's widths, which the pictures are measured with
#                           (copro_kg.viz.metrics; tests/viz/paper.py reads the files)
#   poppler-utils         - pdftoppm, to look at the printed glossary's pages
#   libapache-jena-java   - Apache Jena's jars (riot reads every export, ARQ answers every
#                           library query: tests/test_export_jena.py); Debian ships no
#                           riot/sparql scripts, tests/jena.py builds the classpath
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || need+=(chromium-headless-shell)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -e /usr/share/java/jena-arq.jar ] || need+=(libapache-jena-java)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-liberation \
  poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
