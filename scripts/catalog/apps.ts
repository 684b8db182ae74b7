/**
 * The curated list the catalog is generated from (`npm run catalog`).
 *
 * Every image here is a published image from LinuxServer.io, Kasm, jlesage or the app's own project;
 * nothing is built by us. Entries state only what differs from their image family (families.ts) and
 * their category (categories.ts). To add an app: pick the family helper, give name, display name, a
 * one-sentence description, category and tags, then run `npm run catalog` and commit catalog/ with it.
 */
import {
  type AppEntry,
  imageUser,
  jlesage,
  kasm,
  linuxserver,
  linuxserverWeb,
  namedUser,
  rootServer,
  webapp,
} from "./families.js";

const browsers: AppEntry[] = [
  linuxserver({
    name: "firefox",
    displayName: "Firefox",
    description: "Mozilla's free and open-source web browser, built on the Gecko engine.",
    category: "browsers",
    tags: ["browser", "web", "mozilla"],
  }),
  linuxserver({
    name: "chromium",
    displayName: "Chromium",
    description: "The open-source browser project that Google Chrome is built from.",
    category: "browsers",
    tags: ["browser", "web", "chromium"],
  }),
  linuxserver(
    {
      name: "google-chrome",
      displayName: "Google Chrome",
      description: "Google's web browser, with its sync and extension ecosystem.",
      category: "browsers",
      tags: ["browser", "web", "chromium", "google"],
    },
    { repo: "chrome" },
  ),
  linuxserver({
    name: "brave",
    displayName: "Brave",
    description: "A Chromium-based browser that blocks ads and trackers by default.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "chromium"],
  }),
  linuxserver({
    name: "librewolf",
    displayName: "LibreWolf",
    description: "A Firefox fork focused on privacy, security and user freedom, with telemetry removed.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "firefox"],
  }),
  linuxserver({
    name: "opera",
    displayName: "Opera",
    description: "A Chromium-based browser with a built-in ad blocker, VPN and sidebar messengers.",
    category: "browsers",
    tags: ["browser", "web", "chromium"],
  }),
  linuxserver({
    name: "vivaldi",
    displayName: "Vivaldi",
    description:
      "A highly customizable Chromium-based browser with tab stacking, notes and a built-in mail client.",
    category: "browsers",
    tags: ["browser", "web", "chromium"],
  }),
  linuxserver(
    {
      name: "microsoft-edge",
      displayName: "Microsoft Edge",
      description: "Microsoft's Chromium-based web browser.",
      category: "browsers",
      tags: ["browser", "web", "chromium", "microsoft"],
      icon: "https://raw.githubusercontent.com/linuxserver/docker-templates/master/linuxserver.io/img/edge-logo.png",
    },
    { repo: "msedge" },
  ),
  linuxserver({
    name: "mullvad-browser",
    displayName: "Mullvad Browser",
    description:
      "A privacy browser from Mullvad VPN and the Tor Project that resists fingerprinting without the Tor network.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "firefox"],
  }),
  linuxserver({
    name: "ungoogled-chromium",
    displayName: "Ungoogled Chromium",
    description: "Chromium without Google's web services, for more control and privacy.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "chromium"],
  }),
  linuxserver(
    {
      name: "zen-browser",
      displayName: "Zen Browser",
      description: "A Firefox-based browser built around vertical tabs, workspaces and split views.",
      category: "browsers",
      tags: ["browser", "web", "firefox"],
    },
    { repo: "zen" },
  ),
  linuxserver({
    name: "helium",
    displayName: "Helium",
    description: "A lightweight Chromium-based browser with ad blocking and no telemetry by default.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "chromium"],
  }),
  kasm({
    name: "tor-browser",
    displayName: "Tor Browser",
    description: "Firefox-based browser that routes traffic through the Tor network for anonymity.",
    category: "browsers",
    tags: ["browser", "web", "privacy", "tor"],
  }),
  jlesage({
    name: "firefox-esr",
    displayName: "Firefox ESR",
    description: "Firefox Extended Support Release, the long-term stable branch favoured by organizations.",
    category: "browsers",
    tags: ["browser", "web", "mozilla", "esr"],
  }),
];

const development: AppEntry[] = [
  // LinuxServer's build rather than codercom/code-server: with PASSWORD unset it serves without its own
  // login, which the platform's forward-auth already provides; upstream's image would demand the random
  // password it writes into the user's home, and a Template cannot pass `--auth none`.
  linuxserverWeb(
    {
      name: "code-server",
      displayName: "VS Code Server",
      description:
        "Visual Studio Code running on the server and used entirely in the browser (code-server by Coder).",
      category: "development",
      tags: ["ide", "editor", "vscode", "code"],
    },
    { port: 8443, healthCheck: "/healthz" },
  ),
  webapp(
    {
      name: "openvscode-server",
      displayName: "OpenVSCode Server",
      description:
        "Gitpod's build of upstream VS Code that runs on a server and is used through the browser.",
      category: "development",
      tags: ["ide", "editor", "vscode", "code"],
      icon: "https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/visual-studio-code.png",
    },
    {
      image: "gitpod/openvscode-server:latest",
      port: 3000,
      home: "/home/workspace",
      securityContext: namedUser(1000),
    },
  ),
  linuxserver({
    name: "vscodium",
    displayName: "VSCodium",
    description: "Community-built binaries of VS Code without Microsoft's telemetry and branding.",
    category: "development",
    tags: ["ide", "editor", "vscode", "code"],
  }),
  linuxserver({
    name: "intellij-idea",
    displayName: "IntelliJ IDEA",
    description: "JetBrains' IDE for Java and Kotlin with deep code analysis and refactoring.",
    category: "development",
    tags: ["ide", "java", "kotlin", "jetbrains"],
  }),
  linuxserver({
    name: "pycharm",
    displayName: "PyCharm",
    description: "JetBrains' Python IDE with debugging, testing and scientific tooling.",
    category: "development",
    tags: ["ide", "python", "jetbrains"],
  }),
  linuxserver({
    name: "github-desktop",
    displayName: "GitHub Desktop",
    description: "GitHub's graphical client for cloning, committing, branching and opening pull requests.",
    category: "development",
    tags: ["git", "github", "version-control"],
  }),
  linuxserver({
    name: "gitqlient",
    displayName: "GitQlient",
    description: "A multi-platform Git client that shows history, branches and diffs in one window.",
    category: "development",
    tags: ["git", "version-control"],
  }),
  kasm(
    {
      name: "vs-code",
      displayName: "Visual Studio Code",
      description:
        "Microsoft's desktop code editor with debugging, Git integration and a large extension marketplace.",
      category: "development",
      tags: ["ide", "editor", "vscode", "microsoft"],
    },
    { repo: "vs-code" },
  ),
  kasm({
    name: "sublime-text",
    displayName: "Sublime Text",
    description: "A fast, sophisticated text editor for code, markup and prose.",
    category: "development",
    tags: ["editor", "code"],
  }),
  kasm({
    name: "java-dev",
    displayName: "Java Development Desktop",
    description: "An Ubuntu desktop set up for Java work with Eclipse, VS Code, Sublime Text and browsers.",
    category: "development",
    tags: ["java", "eclipse", "ide", "desktop"],
  }),
  kasm({
    name: "postman",
    displayName: "Postman",
    description: "An API platform for building, testing and documenting HTTP APIs.",
    category: "development",
    tags: ["api", "http", "testing"],
  }),
  kasm({
    name: "insomnia",
    displayName: "Insomnia",
    description: "An open-source API client for REST, GraphQL and gRPC requests.",
    category: "development",
    tags: ["api", "http", "graphql", "testing"],
  }),
  kasm({
    name: "unityhub",
    displayName: "Unity Hub",
    description: "Unity's launcher for installing editor versions and managing game projects.",
    category: "development",
    tags: ["gamedev", "unity", "3d"],
    capabilities: ["GPU"],
  }),
  webapp(
    {
      name: "gitea",
      displayName: "Gitea",
      description: "A painless self-hosted Git service with issues, pull requests, wiki and CI.",
      category: "development",
      tags: ["git", "forge", "version-control"],
      multiUser: false,
    },
    {
      image: "gitea/gitea:latest-rootless",
      port: 3000,
      healthCheck: "/api/healthz",
      home: "/var/lib/gitea",
    },
  ),
  webapp(
    {
      name: "node-red",
      displayName: "Node-RED",
      description: "A flow-based low-code tool for wiring together devices, APIs and online services.",
      category: "development",
      tags: ["low-code", "iot", "automation"],
    },
    { image: "nodered/node-red:latest", port: 1880, home: "/data", securityContext: namedUser(1000) },
  ),
];

const designGraphics: AppEntry[] = [
  linuxserver({
    name: "gimp",
    displayName: "GIMP",
    description:
      "The GNU Image Manipulation Program, a free raster graphics editor for photo retouching and composition.",
    category: "design-graphics",
    tags: ["image-editor", "photo", "raster"],
  }),
  linuxserver({
    name: "krita",
    displayName: "Krita",
    description:
      "A professional free painting program made by artists for concept art, illustration and comics.",
    category: "design-graphics",
    tags: ["painting", "illustration", "raster"],
  }),
  linuxserver({
    name: "inkscape",
    displayName: "Inkscape",
    description: "A professional vector graphics editor that works natively in SVG.",
    category: "design-graphics",
    tags: ["vector", "svg", "illustration"],
  }),
  linuxserver({
    name: "darktable",
    displayName: "Darktable",
    description: "An open-source photography workflow application and raw developer.",
    category: "design-graphics",
    tags: ["photo", "raw", "darkroom"],
  }),
  linuxserver({
    name: "digikam",
    displayName: "digiKam",
    description:
      "An advanced photo management application for importing, organizing, tagging and editing large collections.",
    category: "design-graphics",
    tags: ["photo", "library", "kde"],
  }),
  kasm({
    name: "pinta",
    displayName: "Pinta",
    description: "A simple drawing and image editing program modelled on Paint.NET.",
    category: "design-graphics",
    tags: ["image-editor", "drawing", "raster"],
  }),
  jlesage({
    name: "xnview-mp",
    displayName: "XnView MP",
    description: "A versatile image viewer, browser and batch converter supporting hundreds of formats.",
    category: "design-graphics",
    tags: ["image-viewer", "photo", "batch"],
  }),
  webapp(
    {
      name: "excalidraw",
      displayName: "Excalidraw",
      description: "A virtual whiteboard for sketching hand-drawn-style diagrams.",
      category: "design-graphics",
      tags: ["whiteboard", "diagram", "sketch"],
    },
    { image: "excalidraw/excalidraw:latest", port: 80, securityContext: rootServer() },
  ),
  webapp(
    {
      name: "drawio",
      displayName: "draw.io",
      description: "A diagramming application for flowcharts, network diagrams, UML and more.",
      category: "design-graphics",
      tags: ["diagram", "flowchart", "uml"],
    },
    { image: "jgraph/drawio:latest", port: 8080, securityContext: imageUser(), iconSlug: "draw-io" },
  ),
];

const cad3d: AppEntry[] = [
  linuxserver({
    name: "blender",
    displayName: "Blender",
    description:
      "The free and open-source 3D creation suite for modelling, animation, simulation, rendering and video editing.",
    category: "3d-cad",
    tags: ["3d", "modeling", "animation", "rendering"],
  }),
  linuxserver({
    name: "freecad",
    displayName: "FreeCAD",
    description: "An open-source parametric 3D modeller for product design and mechanical engineering.",
    category: "3d-cad",
    tags: ["cad", "3d", "parametric", "engineering"],
  }),
  linuxserver({
    name: "kicad",
    displayName: "KiCad",
    description: "A cross-platform suite for electronic schematic capture and printed circuit board design.",
    category: "3d-cad",
    tags: ["eda", "pcb", "electronics"],
  }),
  linuxserver({
    name: "cura",
    displayName: "UltiMaker Cura",
    description: "A 3D printing slicer that turns models into printer-ready G-code.",
    category: "3d-cad",
    tags: ["3d-printing", "slicer"],
  }),
  linuxserver({
    name: "orcaslicer",
    displayName: "OrcaSlicer",
    description:
      "An open-source slicer for FDM 3D printers with calibration tools and multi-material support.",
    category: "3d-cad",
    tags: ["3d-printing", "slicer"],
  }),
  linuxserver({
    name: "bambustudio",
    displayName: "Bambu Studio",
    description: "Bambu Lab's open-source slicer with project-based workflows for its 3D printers.",
    category: "3d-cad",
    tags: ["3d-printing", "slicer"],
  }),
];

const audioVideo: AppEntry[] = [
  linuxserver({
    name: "kdenlive",
    displayName: "Kdenlive",
    description: "KDE's free non-linear video editor with multi-track timeline and effects.",
    category: "audio-video",
    tags: ["video", "editor", "kde"],
    resources: "heavy",
    capabilities: ["GPU"],
  }),
  linuxserver({
    name: "shotcut",
    displayName: "Shotcut",
    description: "A free, open-source, cross-platform video editor.",
    category: "audio-video",
    tags: ["video", "editor"],
    resources: "heavy",
    capabilities: ["GPU"],
  }),
  linuxserver(
    {
      name: "obs-studio",
      displayName: "OBS Studio",
      description: "Free and open-source software for video recording and live streaming.",
      category: "audio-video",
      tags: ["streaming", "recording", "video"],
      resources: "heavy",
      capabilities: ["GPU"],
      icon: "https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/obs-studio.png",
    },
    // No maintained OBS image exists; the usual route is an Ubuntu Webtop with the distribution's
    // obs-studio package installed at start by LinuxServer's universal-package-install mod.
    {
      repo: "webtop",
      tag: "ubuntu-xfce",
      env: [
        { name: "DOCKER_MODS", value: "linuxserver/mods:universal-package-install" },
        { name: "INSTALL_PACKAGES", value: "obs-studio" },
      ],
    },
  ),
  linuxserver({
    name: "audacity",
    displayName: "Audacity",
    description: "An easy-to-use, multi-track audio editor and recorder.",
    category: "audio-video",
    tags: ["audio", "editor", "recording"],
  }),
  linuxserver({
    name: "ardour",
    displayName: "Ardour",
    description: "An open-source digital audio workstation for recording, editing and mixing.",
    category: "audio-video",
    tags: ["audio", "daw", "music", "recording"],
  }),
  linuxserver({
    name: "handbrake",
    displayName: "HandBrake",
    description: "An open-source video transcoder for converting video from nearly any format.",
    category: "audio-video",
    tags: ["video", "transcoder", "converter"],
    resources: "heavy",
  }),
  kasm({
    name: "vlc",
    displayName: "VLC",
    description: "VideoLAN's free media player that plays most multimedia files, discs and streams.",
    category: "audio-video",
    tags: ["media-player", "video", "audio"],
  }),
  jlesage({
    name: "makemkv",
    displayName: "MakeMKV",
    description: "Converts DVD and Blu-ray discs into MKV files while keeping all tracks and metadata.",
    category: "audio-video",
    tags: ["video", "ripping", "mkv"],
  }),
  jlesage({
    name: "mkvtoolnix",
    displayName: "MKVToolNix",
    description: "A set of tools to create, alter and inspect Matroska (MKV) files.",
    category: "audio-video",
    tags: ["video", "mkv", "muxing"],
  }),
  jlesage({
    name: "mkvcleaver",
    displayName: "MKVCleaver",
    description: "Extracts tracks, chapters and attachments from MKV files in batches.",
    category: "audio-video",
    tags: ["video", "mkv", "extraction"],
  }),
  jlesage({
    name: "mkv-muxing-batch-gui",
    displayName: "MKV Muxing Batch GUI",
    description: "Batch-muxes subtitles, audio tracks and chapters into many MKV files at once.",
    category: "audio-video",
    tags: ["video", "mkv", "muxing", "batch"],
  }),
  jlesage({
    name: "jmkvpropedit",
    displayName: "JMkvpropedit",
    description: "A batch GUI for mkvpropedit that edits MKV track properties without remuxing.",
    category: "audio-video",
    tags: ["video", "mkv", "metadata"],
  }),
  jlesage({
    name: "tsmuxer",
    displayName: "tsMuxeR",
    description: "Muxes video and audio streams into MPEG-TS, M2TS and Blu-ray structures.",
    category: "audio-video",
    tags: ["video", "muxing", "blu-ray"],
  }),
  jlesage({
    name: "avidemux",
    displayName: "Avidemux",
    description: "A free video editor for simple cutting, filtering and encoding tasks.",
    category: "audio-video",
    tags: ["video", "editor", "encoder"],
  }),
  jlesage({
    name: "mediainfo",
    displayName: "MediaInfo",
    description: "Shows technical and tag data about video and audio files.",
    category: "audio-video",
    tags: ["video", "audio", "metadata"],
  }),
  jlesage({
    name: "freac",
    displayName: "fre:ac",
    description: "A free audio converter and CD ripper supporting MP3, AAC, FLAC, Opus and more.",
    category: "audio-video",
    tags: ["audio", "converter", "cd-ripper"],
  }),
  jlesage({
    name: "musicbrainz-picard",
    displayName: "MusicBrainz Picard",
    description: "A cross-platform music tagger that identifies tracks with the MusicBrainz database.",
    category: "audio-video",
    tags: ["music", "tagger", "metadata"],
  }),
  jlesage({
    name: "puddletag",
    displayName: "Puddletag",
    description: "A spreadsheet-like audio tag editor for MP3, FLAC, Ogg and other formats.",
    category: "audio-video",
    tags: ["music", "tagger", "metadata"],
  }),
  jlesage({
    name: "tinymediamanager",
    displayName: "tinyMediaManager",
    description: "A media manager that scrapes metadata and artwork for movie and TV libraries.",
    category: "audio-video",
    tags: ["media", "metadata", "library"],
  }),
];

const productivity: AppEntry[] = [
  linuxserver({
    name: "libreoffice",
    displayName: "LibreOffice",
    description: "The free office suite: Writer, Calc, Impress, Draw, Base and Math.",
    category: "productivity",
    tags: ["office", "documents", "spreadsheet", "presentation"],
    resources: "workstation",
  }),
  kasm(
    {
      name: "onlyoffice",
      displayName: "ONLYOFFICE Desktop Editors",
      description:
        "An office suite for documents, spreadsheets and presentations with strong Microsoft Office compatibility.",
      category: "productivity",
      tags: ["office", "documents", "spreadsheet"],
      resources: "workstation",
    },
    { repo: "only-office" },
  ),
  linuxserver({
    name: "calligra",
    displayName: "Calligra",
    description: "KDE's office and graphic art suite with word processor, spreadsheet and presentation apps.",
    category: "productivity",
    tags: ["office", "documents", "kde"],
  }),
  linuxserver({
    name: "calibre",
    displayName: "Calibre",
    description: "A powerful e-book manager for organizing, converting and editing e-books.",
    category: "productivity",
    tags: ["ebooks", "library", "reader"],
  }),
  linuxserverWeb(
    {
      name: "calibre-web",
      displayName: "Calibre-Web",
      description: "A web app for browsing, reading and downloading e-books from a Calibre library.",
      category: "productivity",
      tags: ["ebooks", "library", "reader"],
      multiUser: false,
    },
    { port: 8083 },
  ),
  linuxserverWeb(
    {
      name: "kavita",
      displayName: "Kavita",
      description: "A fast reading server for manga, comics and e-books with a built-in web reader.",
      category: "productivity",
      tags: ["ebooks", "comics", "reader"],
      multiUser: false,
    },
    { port: 5000 },
  ),
  linuxserver({
    name: "obsidian",
    displayName: "Obsidian",
    description: "A Markdown knowledge base that links notes into a personal graph.",
    category: "productivity",
    tags: ["notes", "markdown", "knowledge-base"],
  }),
  linuxserver({
    name: "joplin",
    displayName: "Joplin",
    description: "An open-source note-taking and to-do app with Markdown and end-to-end encrypted sync.",
    category: "productivity",
    tags: ["notes", "markdown", "todo"],
  }),
  linuxserver({
    name: "zotero",
    displayName: "Zotero",
    description: "A free research assistant that collects, organizes, cites and shares sources.",
    category: "productivity",
    tags: ["research", "citations", "bibliography"],
  }),
  webapp(
    {
      name: "stirling-pdf",
      displayName: "Stirling PDF",
      description: "A web toolbox for merging, splitting, converting, signing and editing PDF files.",
      category: "productivity",
      tags: ["pdf", "documents", "converter"],
    },
    { image: "stirlingtools/stirling-pdf:latest", port: 8080, securityContext: imageUser() },
  ),
  linuxserverWeb(
    {
      name: "dokuwiki",
      displayName: "DokuWiki",
      description: "A simple, file-based wiki that needs no database.",
      category: "productivity",
      tags: ["wiki", "documentation", "notes"],
      multiUser: false,
    },
    { port: 80 },
  ),
  linuxserverWeb(
    {
      name: "freshrss",
      displayName: "FreshRSS",
      description: "A lightweight self-hosted RSS and Atom feed aggregator.",
      category: "productivity",
      tags: ["rss", "news", "feeds"],
      multiUser: false,
    },
    { port: 80 },
  ),
];

const communication: AppEntry[] = [
  linuxserver({
    name: "thunderbird",
    displayName: "Thunderbird",
    description: "Mozilla's free email, calendar and contacts client.",
    category: "communication",
    tags: ["email", "calendar", "mozilla"],
    capabilities: ["Printing"],
  }),
  linuxserver({
    name: "telegram",
    displayName: "Telegram Desktop",
    description: "The official desktop client for the Telegram cloud messenger.",
    category: "communication",
    tags: ["chat", "messenger"],
  }),
  linuxserver({
    name: "signal",
    displayName: "Signal",
    description: "The desktop client of the Signal end-to-end encrypted messenger.",
    category: "communication",
    tags: ["chat", "messenger", "encrypted"],
  }),
  webapp(
    {
      name: "element",
      displayName: "Element",
      description: "A Matrix client for secure, decentralized chat, voice and video.",
      category: "communication",
      tags: ["chat", "matrix", "encrypted"],
    },
    { image: "vectorim/element-web:latest", port: 80, securityContext: rootServer() },
  ),
  linuxserver({
    name: "ferdium",
    displayName: "Ferdium",
    description: "An all-in-one workspace that combines many messaging and web services in one window.",
    category: "communication",
    tags: ["chat", "messenger", "aggregator"],
  }),
  linuxserver({
    name: "webcord",
    displayName: "WebCord",
    description: "A privacy-minded Discord web client packaged as a desktop app.",
    category: "communication",
    tags: ["chat", "discord", "voice"],
  }),
  linuxserver({
    name: "altus",
    displayName: "Altus",
    description: "A desktop client for WhatsApp Web with themes and multiple accounts.",
    category: "communication",
    tags: ["chat", "whatsapp", "messenger"],
  }),
  kasm({
    name: "discord",
    displayName: "Discord",
    description: "Voice, video and text chat for communities and friends.",
    category: "communication",
    tags: ["chat", "voice", "community"],
  }),
  kasm({
    name: "slack",
    displayName: "Slack",
    description: "A team messaging app with channels, huddles and integrations.",
    category: "communication",
    tags: ["chat", "team", "work"],
  }),
  kasm({
    name: "zoom",
    displayName: "Zoom",
    description: "Video meetings, webinars and team chat.",
    category: "communication",
    tags: ["video-call", "meetings", "conferencing"],
  }),
];

/** LinuxServer's Webtop tags: `<distro>-<desktop>`, with `latest` being Alpine with XFCE. */
const WEBTOP_DISTROS = [
  { id: "alpine", name: "Alpine", desktops: ["xfce", "i3", "mate"] },
  { id: "arch", name: "Arch Linux", desktops: ["xfce", "kde", "i3", "mate"] },
  { id: "debian", name: "Debian", desktops: ["xfce", "kde", "i3", "mate"] },
  { id: "el", name: "Enterprise Linux", desktops: ["xfce", "i3", "mate"] },
  { id: "fedora", name: "Fedora", desktops: ["xfce", "kde", "i3", "mate"] },
  { id: "ubuntu", name: "Ubuntu", desktops: ["xfce", "kde", "i3", "mate"] },
] as const;

const DESKTOP_NAMES: Readonly<Record<string, string>> = {
  xfce: "XFCE",
  kde: "KDE Plasma",
  i3: "i3",
  mate: "MATE",
};

/** XFCE is the default flavour, so `webtop-ubuntu` is Ubuntu XFCE and `webtop-ubuntu-kde` the KDE one. */
const webtops: AppEntry[] = WEBTOP_DISTROS.flatMap((distro) =>
  distro.desktops.map((desktop) => {
    const flavour = DESKTOP_NAMES[desktop] ?? desktop;
    return linuxserver(
      {
        name: desktop === "xfce" ? `webtop-${distro.id}` : `webtop-${distro.id}-${desktop}`,
        displayName: desktop === "xfce" ? `Webtop ${distro.name}` : `Webtop ${distro.name} ${flavour}`,
        description: `A full ${distro.name} desktop with ${flavour}, streamed to the browser by LinuxServer.io Webtop.`,
        category: "desktop-environments",
        tags: ["desktop", "linux", distro.id, desktop],
        resources: desktop === "kde" ? "heavy" : undefined,
      },
      {
        repo: "webtop",
        tag: distro.id === "alpine" && desktop === "xfce" ? "latest" : `${distro.id}-${desktop}`,
      },
    );
  }),
);

/** Kasm's distribution desktops, each with a browser and common tools preinstalled. */
const KASM_DISTROS: ReadonlyArray<readonly [name: string, displayName: string, distro: string, tag: string]> =
  [
    ["ubuntu-noble-desktop", "Ubuntu 24.04 Noble Desktop", "Ubuntu 24.04 LTS", "ubuntu"],
    ["ubuntu-jammy-desktop", "Ubuntu 22.04 Jammy Desktop", "Ubuntu 22.04 LTS", "ubuntu"],
    ["ubuntu-focal-desktop", "Ubuntu 20.04 Focal Desktop", "Ubuntu 20.04 LTS", "ubuntu"],
    ["debian-bookworm-desktop", "Debian 12 Bookworm Desktop", "Debian 12", "debian"],
    ["debian-bullseye-desktop", "Debian 11 Bullseye Desktop", "Debian 11", "debian"],
    ["fedora-40-desktop", "Fedora 40 Desktop", "Fedora 40", "fedora"],
    ["almalinux-9-desktop", "AlmaLinux 9 Desktop", "AlmaLinux 9", "almalinux"],
    ["almalinux-8-desktop", "AlmaLinux 8 Desktop", "AlmaLinux 8", "almalinux"],
    ["rockylinux-9-desktop", "Rocky Linux 9 Desktop", "Rocky Linux 9", "rockylinux"],
    ["rockylinux-8-desktop", "Rocky Linux 8 Desktop", "Rocky Linux 8", "rockylinux"],
    ["oracle-9-desktop", "Oracle Linux 9 Desktop", "Oracle Linux 9", "oracle"],
    ["oracle-8-desktop", "Oracle Linux 8 Desktop", "Oracle Linux 8", "oracle"],
    ["opensuse-15-desktop", "openSUSE Leap 15 Desktop", "openSUSE Leap 15", "opensuse"],
  ];

const kasmDesktops: AppEntry[] = KASM_DISTROS.map(([name, displayName, distro, tag]) =>
  kasm({
    name,
    displayName,
    description: `A ${distro} XFCE desktop from Kasm Workspaces with a browser and common tools preinstalled.`,
    category: "desktop-environments",
    tags: ["desktop", "linux", tag],
  }),
);

const desktops: AppEntry[] = [
  ...webtops,
  ...kasmDesktops,
  kasm(
    {
      name: "kasm-desktop",
      displayName: "Kasm Ubuntu Desktop",
      description: "A lightweight Ubuntu XFCE desktop from Kasm Workspaces with Chrome and Firefox.",
      category: "desktop-environments",
      tags: ["desktop", "linux", "ubuntu"],
    },
    { repo: "desktop" },
  ),
  kasm(
    {
      name: "kasm-desktop-deluxe",
      displayName: "Kasm Ubuntu Desktop Deluxe",
      description: "An Ubuntu desktop loaded with office, graphics, development and communication apps.",
      category: "desktop-environments",
      tags: ["desktop", "linux", "ubuntu"],
      resources: "heavy",
    },
    { repo: "desktop-deluxe" },
  ),
];

const gaming: AppEntry[] = [
  linuxserver({
    name: "duckstation",
    displayName: "DuckStation",
    description: "A fast and accurate Sony PlayStation (PS1) emulator.",
    category: "gaming",
    tags: ["emulator", "playstation", "retro"],
  }),
  linuxserver({
    name: "dolphin",
    displayName: "Dolphin",
    description: "An emulator for Nintendo GameCube and Wii games in high definition.",
    category: "gaming",
    tags: ["emulator", "nintendo", "gamecube", "wii"],
    resources: "heavy",
  }),
  linuxserver({
    name: "pcsx2",
    displayName: "PCSX2",
    description: "An open-source Sony PlayStation 2 emulator.",
    category: "gaming",
    tags: ["emulator", "playstation"],
    resources: "heavy",
  }),
  linuxserver({
    name: "rpcs3",
    displayName: "RPCS3",
    description: "An open-source Sony PlayStation 3 emulator and debugger.",
    category: "gaming",
    tags: ["emulator", "playstation"],
    resources: "heavy",
  }),
  linuxserver({
    name: "xemu",
    displayName: "xemu",
    description: "A low-level emulator of the original Microsoft Xbox.",
    category: "gaming",
    tags: ["emulator", "xbox"],
    resources: "heavy",
  }),
  linuxserver({
    name: "ppsspp",
    displayName: "PPSSPP",
    description: "A PlayStation Portable emulator that renders PSP games in high definition.",
    category: "gaming",
    tags: ["emulator", "playstation", "handheld"],
  }),
  linuxserver({
    name: "melonds",
    displayName: "melonDS",
    description: "A Nintendo DS emulator aiming for accuracy, with local wireless emulation.",
    category: "gaming",
    tags: ["emulator", "nintendo", "handheld"],
  }),
  linuxserver({
    name: "azahar",
    displayName: "Azahar",
    description: "An open-source Nintendo 3DS emulator continuing the Citra lineage.",
    category: "gaming",
    tags: ["emulator", "nintendo", "handheld"],
  }),
  linuxserver({
    name: "citron",
    displayName: "Citron",
    description: "A Nintendo Switch emulator developed from the yuzu codebase.",
    category: "gaming",
    tags: ["emulator", "nintendo", "switch"],
    resources: "heavy",
  }),
  linuxserver({
    name: "eden",
    displayName: "Eden",
    description: "A Nintendo Switch emulator forked from yuzu, focused on performance and stability.",
    category: "gaming",
    tags: ["emulator", "nintendo", "switch"],
    resources: "heavy",
  }),
  linuxserver({
    name: "flycast",
    displayName: "Flycast",
    description: "A Sega Dreamcast, Naomi and Atomiswave emulator.",
    category: "gaming",
    tags: ["emulator", "sega", "arcade"],
  }),
  linuxserver({
    name: "retroarch",
    displayName: "RetroArch",
    description: "A frontend for emulators, game engines and media players built on the libretro API.",
    category: "gaming",
    tags: ["emulator", "retro", "libretro"],
  }),
  linuxserver({
    name: "scummvm",
    displayName: "ScummVM",
    description: "Runs classic point-and-click adventure games by replacing their original engines.",
    category: "gaming",
    tags: ["adventure", "retro", "engine"],
  }),
  linuxserver({
    name: "dosbox-staging",
    displayName: "DOSBox Staging",
    description: "A modern continuation of DOSBox for running DOS games and programs.",
    category: "gaming",
    tags: ["dos", "retro", "emulator"],
  }),
  linuxserver({
    name: "gzdoom",
    displayName: "GZDoom",
    description: "A feature-rich source port for Doom-engine games with OpenGL rendering.",
    category: "gaming",
    tags: ["doom", "fps", "source-port"],
  }),
  linuxserver({
    name: "blade-of-agony",
    displayName: "Blade of Agony",
    description: "A World War II first-person shooter campaign built on the GZDoom engine.",
    category: "gaming",
    tags: ["fps", "gzdoom"],
  }),
  linuxserver({
    name: "dogwalk",
    displayName: "DOGWALK",
    description: "A short, cozy open-source game by Blender Studio, made with the Godot engine.",
    category: "gaming",
    tags: ["indie", "godot", "blender-studio"],
  }),
  kasm({
    name: "doom",
    displayName: "Freedoom",
    description: "Doom played on a source port with the free Freedoom game data.",
    category: "gaming",
    tags: ["doom", "fps", "retro"],
  }),
  kasm({
    name: "minetest",
    displayName: "Luanti (Minetest)",
    description: "An open-source voxel game engine in the style of Minecraft.",
    category: "gaming",
    tags: ["voxel", "sandbox"],
  }),
  kasm({
    name: "super-tux-kart",
    displayName: "SuperTuxKart",
    description: "A free 3D kart racing game starring Tux and friends.",
    category: "gaming",
    tags: ["racing", "kart"],
  }),
  kasm({
    name: "zsnes",
    displayName: "ZSNES",
    description: "A Super Nintendo Entertainment System emulator.",
    category: "gaming",
    tags: ["emulator", "nintendo", "snes", "retro"],
  }),
  kasm({
    name: "steam",
    displayName: "Steam",
    description: "Valve's game store and launcher.",
    category: "gaming",
    tags: ["store", "launcher", "valve"],
    resources: "heavy",
  }),
];

const fileManagement: AppEntry[] = [
  linuxserver({
    name: "filezilla",
    displayName: "FileZilla",
    description: "A fast and reliable FTP, FTPS and SFTP client.",
    category: "file-management",
    tags: ["ftp", "sftp", "transfer"],
  }),
  linuxserverWeb(
    {
      name: "qbittorrent",
      displayName: "qBittorrent",
      description: "An open-source BitTorrent client with a full-featured web interface.",
      category: "file-management",
      tags: ["torrent", "download", "p2p"],
    },
    { port: 8080 },
  ),
  linuxserverWeb(
    {
      name: "transmission",
      displayName: "Transmission",
      description: "A fast, easy and free BitTorrent client with a web interface.",
      category: "file-management",
      tags: ["torrent", "download", "p2p"],
    },
    { port: 9091 },
  ),
  linuxserverWeb(
    {
      name: "deluge",
      displayName: "Deluge",
      description: "A lightweight, plugin-extensible BitTorrent client with a web UI.",
      category: "file-management",
      tags: ["torrent", "download", "p2p"],
    },
    { port: 8112 },
  ),
  linuxserverWeb(
    {
      name: "syncthing",
      displayName: "Syncthing",
      description: "Continuous peer-to-peer file synchronization between devices.",
      category: "file-management",
      tags: ["sync", "p2p", "backup"],
    },
    { port: 8384 },
  ),
  linuxserver({
    name: "doublecommander",
    displayName: "Double Commander",
    description: "A cross-platform two-panel file manager inspired by Total Commander.",
    category: "file-management",
    tags: ["file-manager", "twin-panel"],
  }),
  jlesage({
    name: "krusader",
    displayName: "Krusader",
    description: "An advanced twin-panel file manager for KDE with archive handling and folder sync.",
    category: "file-management",
    tags: ["file-manager", "twin-panel", "kde"],
  }),
  linuxserver({
    name: "qdirstat",
    displayName: "QDirStat",
    description: "A graphical disk usage analyzer that shows what fills a disk.",
    category: "file-management",
    tags: ["disk-usage", "cleanup"],
  }),
  jlesage({
    name: "freefilesync",
    displayName: "FreeFileSync",
    description: "Folder comparison and synchronization software for backups and mirrors.",
    category: "file-management",
    tags: ["sync", "backup", "compare"],
  }),
  jlesage({
    name: "czkawka",
    displayName: "Czkawka",
    description: "Finds duplicate files, empty folders, similar images and other clutter.",
    category: "file-management",
    tags: ["duplicates", "cleanup"],
  }),
  jlesage({
    name: "dupeguru",
    displayName: "dupeGuru",
    description: "Finds duplicate files by name or content, with music and picture modes.",
    category: "file-management",
    tags: ["duplicates", "cleanup"],
  }),
  jlesage({
    name: "video-duplicate-finder",
    displayName: "Video Duplicate Finder",
    description: "Finds duplicate and similar videos and images by their content.",
    category: "file-management",
    tags: ["duplicates", "video", "cleanup"],
  }),
  jlesage({
    name: "file-centipede",
    displayName: "File Centipede",
    description: "An all-in-one download manager for HTTP, FTP, BitTorrent and more.",
    category: "file-management",
    tags: ["download", "torrent"],
  }),
  jlesage({
    name: "jdownloader-2",
    displayName: "JDownloader 2",
    description: "A download manager that automates fetching files from one-click hosters.",
    category: "file-management",
    tags: ["download", "manager"],
  }),
  jlesage({
    name: "tixati",
    displayName: "Tixati",
    description: "A peer-to-peer file sharing client using the BitTorrent protocol.",
    category: "file-management",
    tags: ["torrent", "download", "p2p"],
  }),
  webapp(
    {
      name: "filebrowser",
      displayName: "File Browser",
      description: "A web file manager for uploading, editing, sharing and organizing files.",
      category: "file-management",
      tags: ["file-manager", "web", "sharing"],
    },
    { image: "filebrowser/filebrowser:latest", port: 80, home: "/srv", securityContext: imageUser(true) },
  ),
];

const remoteAccess: AppEntry[] = [
  linuxserver({
    name: "remmina",
    displayName: "Remmina",
    description: "A remote desktop client supporting RDP, VNC, SPICE, SSH and more.",
    category: "remote-access",
    tags: ["rdp", "vnc", "ssh", "remote-desktop"],
  }),
  jlesage({
    name: "putty",
    displayName: "PuTTY",
    description: "A free SSH, Telnet and serial terminal client.",
    category: "remote-access",
    tags: ["ssh", "telnet", "serial", "terminal"],
  }),
  kasm({
    name: "terminal",
    displayName: "Terminal",
    description: "A terminal desktop with SSH, Ansible, Terraform and other command-line tools.",
    category: "remote-access",
    tags: ["terminal", "ssh", "cli", "ansible"],
  }),
];

const securityNetwork: AppEntry[] = [
  linuxserver({
    name: "wireshark",
    displayName: "Wireshark",
    description: "The world's foremost network protocol analyzer.",
    category: "security-network",
    tags: ["network", "packet-capture", "analysis"],
  }),
  linuxserver({
    name: "kali-linux",
    displayName: "Kali Linux",
    description:
      "A Debian-based distribution for penetration testing and security research, as a Webtop-style desktop.",
    category: "security-network",
    tags: ["pentest", "security", "desktop"],
  }),
  linuxserver({
    name: "keepassxc",
    displayName: "KeePassXC",
    description: "A cross-platform, community-driven password manager using KeePass databases.",
    category: "security-network",
    tags: ["passwords", "vault"],
  }),
  kasm({
    name: "kali-rolling-desktop",
    displayName: "Kali Linux Rolling Desktop",
    description: "Kasm's Kali Linux rolling desktop with common penetration testing tools.",
    category: "security-network",
    tags: ["pentest", "security", "desktop"],
  }),
  kasm({
    name: "parrotos-6-desktop",
    displayName: "Parrot OS 6 Desktop",
    description: "A Parrot Security OS desktop for penetration testing, forensics and privacy work.",
    category: "security-network",
    tags: ["pentest", "security", "desktop"],
  }),
  kasm({
    name: "remnux-focal-desktop",
    displayName: "REMnux Desktop",
    description: "A Linux toolkit for reverse-engineering and analyzing malicious software.",
    category: "security-network",
    tags: ["malware-analysis", "reverse-engineering", "forensics"],
  }),
  kasm({
    name: "tracelabs",
    displayName: "Trace Labs OSINT VM",
    description: "Trace Labs' Kali-based OSINT desktop used for open-source intelligence investigations.",
    category: "security-network",
    tags: ["osint", "investigation"],
  }),
  kasm({
    name: "forensic-osint",
    displayName: "Forensic OSINT",
    description: "An Ubuntu desktop bundling tools for digital forensics and open-source intelligence.",
    category: "security-network",
    tags: ["osint", "forensics"],
  }),
  kasm({
    name: "maltego",
    displayName: "Maltego",
    description: "A link-analysis tool for graphing relationships in OSINT and cyber investigations.",
    category: "security-network",
    tags: ["osint", "link-analysis"],
  }),
  kasm({
    name: "spiderfoot",
    displayName: "SpiderFoot",
    description: "An OSINT automation tool that queries hundreds of sources about a target.",
    category: "security-network",
    tags: ["osint", "reconnaissance"],
  }),
];

const databases: AppEntry[] = [
  linuxserver({
    name: "mysql-workbench",
    displayName: "MySQL Workbench",
    description: "A visual tool for MySQL database design, SQL development and administration.",
    category: "databases",
    tags: ["mysql", "sql", "database"],
  }),
  linuxserver({
    name: "sqlitebrowser",
    displayName: "DB Browser for SQLite",
    description: "A visual tool to create, design and edit SQLite database files.",
    category: "databases",
    tags: ["sqlite", "sql", "database"],
  }),
  webapp(
    {
      name: "adminer",
      displayName: "Adminer",
      description: "A single-file database manager for MySQL, PostgreSQL, SQLite and more.",
      category: "databases",
      tags: ["sql", "database", "admin"],
    },
    { image: "adminer:latest", port: 8080, securityContext: imageUser() },
  ),
  webapp(
    {
      name: "phpmyadmin",
      displayName: "phpMyAdmin",
      description: "A web interface for administering MySQL and MariaDB servers.",
      category: "databases",
      tags: ["mysql", "mariadb", "admin"],
    },
    {
      image: "phpmyadmin:latest",
      port: 80,
      // Let the user name any server on the login page instead of one fixed host.
      env: [{ name: "PMA_ARBITRARY", value: "1" }],
      securityContext: rootServer(),
    },
  ),
  webapp(
    {
      name: "cloudbeaver",
      displayName: "CloudBeaver",
      description: "DBeaver's web database manager for SQL and NoSQL databases.",
      category: "databases",
      tags: ["sql", "database", "dbeaver"],
    },
    {
      image: "dbeaver/cloudbeaver:latest",
      port: 8978,
      home: "/opt/cloudbeaver/workspace",
      securityContext: imageUser(),
    },
  ),
  webapp(
    {
      name: "redisinsight",
      displayName: "Redis Insight",
      description: "Redis' GUI for browsing data, profiling and running commands against Redis databases.",
      category: "databases",
      tags: ["redis", "nosql", "admin"],
      icon: "https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/redis.png",
    },
    { image: "redis/redisinsight:latest", port: 5540, home: "/data", securityContext: imageUser() },
  ),
  webapp(
    {
      name: "grafana",
      displayName: "Grafana",
      description:
        "An observability platform for querying, visualizing and alerting on metrics, logs and traces.",
      category: "databases",
      tags: ["dashboards", "metrics", "observability"],
      multiUser: false,
    },
    {
      image: "grafana/grafana:latest",
      port: 3000,
      healthCheck: "/api/health",
      // The session belongs to one user behind forward-auth: make them admin instead of admin/admin.
      env: [
        { name: "GF_AUTH_ANONYMOUS_ENABLED", value: "true" },
        { name: "GF_AUTH_ANONYMOUS_ORG_ROLE", value: "Admin" },
        { name: "GF_AUTH_DISABLE_LOGIN_FORM", value: "true" },
      ],
      home: "/var/lib/grafana",
    },
  ),
  webapp(
    {
      name: "metabase",
      displayName: "Metabase",
      description: "A business intelligence tool for asking questions of your data and building dashboards.",
      category: "databases",
      tags: ["bi", "analytics", "dashboards"],
      multiUser: false,
    },
    {
      image: "metabase/metabase:latest",
      port: 3000,
      healthCheck: "/api/health",
      // The embedded application database lives in the home volume rather than the container layer.
      env: [{ name: "MB_DB_FILE", value: "/metabase-data/metabase.db" }],
      home: "/metabase-data",
      securityContext: imageUser(),
    },
  ),
  webapp(
    {
      name: "nocodb",
      displayName: "NocoDB",
      description: "An open-source Airtable alternative that turns databases into smart spreadsheets.",
      category: "databases",
      tags: ["spreadsheet", "no-code", "database"],
      multiUser: false,
    },
    { image: "nocodb/nocodb:latest", port: 8080, home: "/usr/app/data", securityContext: imageUser() },
  ),
];

/** Project Jupyter's Docker Stacks, published on quay.io since they left Docker Hub. */
function jupyter(stack: string, displayName: string, description: string, heavy = false): AppEntry {
  return webapp(
    {
      name: `jupyter-${stack}`,
      displayName,
      description,
      category: "science-education",
      tags: ["jupyter", "notebook", "python", "data-science"],
      ...(heavy ? { resources: "heavy" as const } : {}),
      icon: "https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/jupyter.png",
    },
    // jovyan (uid 1000) is declared numerically, so the strict default applies as is.
    {
      image: `quay.io/jupyter/${stack}-notebook:latest`,
      port: 8888,
      healthCheck: "/api",
      home: "/home/jovyan",
      // start-notebook appends NOTEBOOK_ARGS; an empty token drops Jupyter's own login, which would
      // duplicate the platform's forward-auth and hide its token in the pod log.
      env: [{ name: "NOTEBOOK_ARGS", value: "--IdentityProvider.token=''" }],
    },
  );
}

/** The Rocker Project's RStudio Server images; auth is left to the platform's forward-auth. */
function rocker(
  image: string,
  name: string,
  displayName: string,
  description: string,
  heavy = false,
): AppEntry {
  return webapp(
    {
      name,
      displayName,
      description,
      category: "science-education",
      tags: ["r", "rstudio", "statistics", "data-science"],
      ...(heavy ? { resources: "heavy" as const } : {}),
      icon: "https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/rstudio.png",
    },
    {
      image: `rocker/${image}:latest`,
      port: 8787,
      env: [{ name: "DISABLE_AUTH", value: "true" }],
      home: "/home/rstudio",
      // s6 init runs as root and starts rstudio-server, which switches to the rstudio user.
      securityContext: {
        runAsNonRoot: false,
        runAsUser: 0,
        addCapabilities: ["CHOWN", "SETUID", "SETGID", "DAC_OVERRIDE", "FOWNER"],
      },
    },
  );
}

const science: AppEntry[] = [
  jupyter("base", "Jupyter Base Notebook", "JupyterLab with a minimal Python environment to build on."),
  jupyter(
    "minimal",
    "Jupyter Minimal Notebook",
    "JupyterLab with command-line tools such as git, nano and TeX.",
  ),
  jupyter(
    "scipy",
    "Jupyter SciPy Notebook",
    "JupyterLab with the scientific Python stack: NumPy, pandas, SciPy, Matplotlib and more.",
  ),
  jupyter("r", "Jupyter R Notebook", "JupyterLab with the R interpreter, IRKernel and popular R packages."),
  jupyter("julia", "Jupyter Julia Notebook", "JupyterLab with the Julia language and its IJulia kernel."),
  jupyter(
    "datascience",
    "Jupyter Data Science Notebook",
    "JupyterLab with Python, R and Julia for data analysis.",
  ),
  jupyter(
    "tensorflow",
    "Jupyter TensorFlow Notebook",
    "JupyterLab with TensorFlow for machine learning.",
    true,
  ),
  jupyter("pytorch", "Jupyter PyTorch Notebook", "JupyterLab with PyTorch for deep learning.", true),
  jupyter("pyspark", "Jupyter PySpark Notebook", "JupyterLab with Apache Spark and its Python API.", true),
  jupyter("all-spark", "Jupyter All Spark Notebook", "JupyterLab with Apache Spark for Python and R.", true),
  rocker("rstudio", "rstudio", "RStudio Server", "The RStudio IDE for R, served to the browser."),
  rocker(
    "tidyverse",
    "rstudio-tidyverse",
    "RStudio with tidyverse",
    "RStudio Server with the tidyverse packages for data science in R.",
  ),
  rocker(
    "verse",
    "rstudio-verse",
    "RStudio with verse",
    "RStudio Server with tidyverse plus TeX and publishing tools.",
  ),
  rocker(
    "geospatial",
    "rstudio-geospatial",
    "RStudio Geospatial",
    "RStudio Server with R spatial packages and GDAL, GEOS and PROJ.",
  ),
  rocker(
    "ml",
    "rstudio-ml",
    "RStudio Machine Learning",
    "RStudio Server with CUDA, Python and machine learning libraries for R.",
    true,
  ),
  rocker(
    "ml-verse",
    "rstudio-ml-verse",
    "RStudio ML verse",
    "RStudio Server with machine learning libraries plus tidyverse and publishing tools.",
    true,
  ),
  linuxserverWeb(
    {
      name: "foldingathome",
      displayName: "Folding@home",
      description: "Donates computing power to simulate protein dynamics for disease research.",
      category: "science-education",
      tags: ["distributed-computing", "research", "biology"],
    },
    { port: 7396 },
  ),
];

const utilities: AppEntry[] = [
  jlesage({
    name: "xfburn",
    displayName: "Xfburn",
    description: "A simple CD, DVD and Blu-ray burning tool from the Xfce project.",
    category: "utilities",
    tags: ["disc", "burning", "xfce"],
  }),
  jlesage({
    name: "imgburn",
    displayName: "ImgBurn",
    description: "A lightweight CD, DVD and Blu-ray burning application.",
    category: "utilities",
    tags: ["disc", "burning", "iso"],
  }),
  linuxserverWeb(
    {
      name: "changedetection",
      displayName: "changedetection.io",
      description: "Monitors websites for content changes and sends notifications.",
      category: "utilities",
      tags: ["monitoring", "web", "notifications"],
    },
    { port: 5000, repo: "changedetection.io" },
  ),
  linuxserverWeb(
    {
      name: "heimdall",
      displayName: "Heimdall",
      description: "An application dashboard that keeps links to your web apps in one place.",
      category: "utilities",
      tags: ["dashboard", "links", "homepage"],
    },
    { port: 80 },
  ),
  webapp(
    {
      name: "uptime-kuma",
      displayName: "Uptime Kuma",
      description: "A self-hosted monitoring tool for HTTP, TCP, DNS and other services.",
      category: "utilities",
      tags: ["monitoring", "uptime", "status-page"],
    },
    { image: "louislam/uptime-kuma:1", port: 3001, home: "/app/data", securityContext: imageUser() },
  ),
  webapp(
    {
      name: "it-tools",
      displayName: "IT Tools",
      description:
        "A collection of handy online tools for developers: encoders, converters, generators and more.",
      category: "utilities",
      tags: ["tools", "converter", "developer"],
    },
    { image: "corentinth/it-tools:latest", port: 80, securityContext: rootServer() },
  ),
];

/** The whole curated list, in the order the README lists it within each category. */
export const APPS: readonly AppEntry[] = [
  ...browsers,
  ...development,
  ...designGraphics,
  ...cad3d,
  ...audioVideo,
  ...productivity,
  ...communication,
  ...desktops,
  ...gaming,
  ...fileManagement,
  ...remoteAccess,
  ...securityNetwork,
  ...databases,
  ...science,
  ...utilities,
];

/** The 30 apps of the original design, by template name; the catalog must always carry them. */
export const ORIGINAL_DESIGN_APPS = [
  "firefox",
  "chromium",
  "brave",
  "librewolf",
  "opera",
  "code-server",
  "gimp",
  "krita",
  "inkscape",
  "blender",
  "freecad",
  "digikam",
  "darktable",
  "kdenlive",
  "audacity",
  "obs-studio",
  "libreoffice",
  "thunderbird",
  "calibre",
  "telegram",
  "element",
  "webtop-ubuntu",
  "webtop-alpine",
  "webtop-fedora",
  "duckstation",
  "dolphin",
  "filezilla",
  "qbittorrent",
  "transmission",
  "remmina",
] as const;
