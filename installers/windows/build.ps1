# Builds Roofline's Windows installer (.msi) with JDK 17's jpackage, the way installers/build.sh builds the Linux ones.
# Run on Windows (jpackage builds installers only for the platform it runs on), from any folder:
#
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-Type msi|app-image] [-SkipMaven]
#
# Needs: JDK 17 (jpackage, jlink, jdeps on PATH or in JAVA_HOME), Maven, and for the .msi the WiX Toolset 3.x
# (candle.exe and light.exe on PATH; jpackage 17 does not support WiX 4). The pom must select the Windows PyTorch native
# (see installers/README.md: pytorch-native-cpu's classifier win-x86_64); JavaFX's Windows jars are picked by the openjfx
# parent pom on its own. Not built by CI (no Windows machine): untested.
param(
    [ValidateSet('msi', 'app-image')] [string] $Type = 'msi',
    [switch] $SkipMaven,
    [string] $Dest = ''
)
$ErrorActionPreference = 'Stop'

$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$installers = Split-Path -Parent $here
$root = Split-Path -Parent $installers
if ($Dest -eq '') { $Dest = Join-Path $installers 'target\windows' }
if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME 'bin\jpackage.exe'))) {
    $env:PATH = (Join-Path $env:JAVA_HOME 'bin') + ';' + $env:PATH
}
foreach ($tool in 'jpackage', 'jlink', 'jdeps') {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "build.ps1: $tool not found: a full JDK 17 is needed" }
}

$target = Join-Path $root 'app\target'
if (-not $SkipMaven) {
    Remove-Item -Recurse -Force (Join-Path $target 'lib') -ErrorAction SilentlyContinue
    Push-Location $root
    try { mvn -q -B -DskipTests package; if ($LASTEXITCODE -ne 0) { throw 'build.ps1: Maven failed' } } finally { Pop-Location }
}
$jar = Join-Path $target 'roofline.jar'
if (-not (Test-Path $jar)) { throw "build.ps1: $jar missing: run without -SkipMaven" }
if (-not (Get-ChildItem (Join-Path $target 'lib') -Filter 'pytorch-native-cpu-*-win-x86_64.jar')) {
    throw 'build.ps1: app\target\lib has no Windows PyTorch native (pytorch-native-cpu-*-win-x86_64.jar): see installers\README.md'
}

# The version packed in the jar (0.1.0-SNAPSHOT -> 0.1.0: jpackage takes numbers only).
Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [System.IO.Compression.ZipFile]::OpenRead($jar)
try {
    $entry = $zip.GetEntry('org/roofline/app/cli/version.properties')
    $reader = New-Object System.IO.StreamReader($entry.Open())
    $version = (($reader.ReadToEnd() -split "`n" | Where-Object { $_ -like 'version=*' }) -replace '^version=', '').Trim()
    $reader.Close()
} finally { $zip.Dispose() }
$appVersion = ($version -split '-')[0]

# The application files (lib\app... is "app" on Windows): the jar, its lib\ (the manifest names lib/*.jar) and the sample.
$sample = $env:ROOFLINE_SAMPLE
if (-not $sample) {
    $sample = Join-Path $root 'resources\samples\banepa-2x2\banepa-2x2.tif'
    if (-not (Test-Path $sample)) { $sample = Join-Path $root 'resources\samples\fair-banepa\oam\OAM-386690-220241-19.tif' }
}
$work = Join-Path $Dest 'work'
Remove-Item -Recurse -Force $work, (Join-Path $Dest 'roofline') -ErrorAction SilentlyContinue
$inputDir = Join-Path $work 'input'
New-Item -ItemType Directory -Force (Join-Path $inputDir 'samples') | Out-Null
Copy-Item $jar $inputDir
Copy-Item -Recurse (Join-Path $target 'lib') (Join-Path $inputDir 'lib')
$stem = [System.IO.Path]::GetFileNameWithoutExtension($sample)
Get-ChildItem (Split-Path -Parent $sample) -Filter "$stem*" | Copy-Item -Destination (Join-Path $inputDir 'samples')
Copy-Item (Join-Path $root 'resources\samples\NOTICE.md') (Join-Path $inputDir 'samples')

# A lean runtime: the modules jdeps finds plus those loaded by name (see build.sh).
Push-Location $inputDir
try { $modules = (jdeps -q --print-module-deps --ignore-missing-deps --multi-release 17 --class-path 'lib\*' roofline.jar).Trim() }
finally { Pop-Location }
$modules = "$modules,jdk.zipfs,jdk.charsets,java.naming,jdk.crypto.ec"
jlink --add-modules $modules --strip-debug --strip-native-commands --no-header-files --no-man-pages --compress=2 `
    --output (Join-Path $work 'runtime')
if ($LASTEXITCODE -ne 0) { throw 'build.ps1: jlink failed' }

# The main launcher (roofline.exe) is a windowed program for the Start menu: with no arguments Roofline opens the editor
# on its bundled sample. roofline-cli.exe (windows\roofline-cli.properties) is the same program with a console, for the
# command line.
# Options for both steps; the .msi step takes no launcher options (jpackage refuses them with --app-image).
$common = @(
    '--name', 'roofline',
    '--app-version', $appVersion,
    '--vendor', 'Roofline',
    '--copyright', 'Roofline contributors',
    '--description', 'Review building footprints extracted from imagery by a neural network',
    '--icon', (Join-Path $installers 'icon\roofline.ico')
)
jpackage --type app-image "@$(Join-Path $installers 'common.options')" @common `
    --input $inputDir `
    --runtime-image (Join-Path $work 'runtime') `
    --add-launcher "roofline-cli=$(Join-Path $here 'roofline-cli.properties')" `
    --dest $Dest
if ($LASTEXITCODE -ne 0) { throw 'build.ps1: jpackage app-image failed' }
$app = Join-Path $Dest 'roofline'
& (Join-Path $app 'roofline-cli.exe') --version
if ($LASTEXITCODE -ne 0) { throw 'build.ps1: roofline-cli --version failed' }

if ($Type -eq 'msi') {
    # A fixed upgrade code: a newer .msi replaces an older one instead of installing beside it.
    jpackage --type msi @common `
        --app-image $app `
        --win-upgrade-uuid 'b7f6d0f2-6c1e-4a55-9a57-6f3f2a1c0e11' `
        --win-menu --win-menu-group Roofline --win-shortcut --win-dir-chooser `
        --dest $Dest
    if ($LASTEXITCODE -ne 0) { throw 'build.ps1: jpackage msi failed' }
}
Get-ChildItem $Dest -Filter 'roofline-*.msi' | ForEach-Object { Write-Output "$($_.FullName) ($([math]::Round($_.Length / 1MB)) MB)" }
Write-Output $app
