; Inno Setup 6 script: a per-user installer of the frozen app (dist\Facilitator from
; build.spec), for laptops where the facilitator has no admin rights. It installs into
; %LOCALAPPDATA%\Programs\Facilitator, adds a Start menu entry, and uninstalls from
; Settings > Apps like any other program. The data folder (%LOCALAPPDATA%\Facilitator) is
; never touched by installing, upgrading or uninstalling.
; Built by .github/workflows/desktop.yml:
;   ISCC.exe /DAppVersion=0.1.0 installer\facilitator.iss   (writes dist\Facilitator-0.1.0-setup.exe)

#ifndef AppVersion
  #error Give the version: ISCC /DAppVersion=X.Y.Z installer\facilitator.iss
#endif
#define AppName "Facilitator"
#define AppExe "Facilitator.exe"

[Setup]
; The AppId stays the same for every version, so a new installer upgrades the old install.
AppId={{B60DAC1E-BE63-4311-9900-2DB100EA292E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per user, never asking for admin rights (no "Install for all users" choice either).
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=..\assets\icons\facilitator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Closing a running copy first: files in use cannot be replaced.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "Put a shortcut on the desktop"; Flags: unchecked

[Files]
Source: "..\dist\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean program folder (libraries of the old version must not linger).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "Open {#AppName} now"; Flags: nowait postinstall skipifsilent
