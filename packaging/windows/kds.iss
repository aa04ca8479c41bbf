; Inno Setup 6 script for KDS. Build the PyInstaller bundle first (packaging\out\dist\kds), then:
;   iscc /DAppVersion=0.2.0 packaging\windows\kds.iss
; Output: packaging\out\kds-setup-<version>.exe. See BUILD.md.

#ifndef AppVersion
  #define AppVersion "0.2.0"
#endif

[Setup]
; Keep this AppId forever: Windows uses it to recognise upgrades and the uninstaller.
AppId={{6C1F8E0A-4B7D-4E8C-9A57-2D3F1B0C9E41}
AppName=KDS
AppVersion={#AppVersion}
AppVerName=KDS {#AppVersion}
AppPublisher=KDS developers
AppComments=Kitchen display system for HubRise restaurants
DefaultDirName={autopf}\KDS
DefaultGroupName=KDS
DisableProgramGroupPage=yes
; Per-machine by default (kitchen PCs are shared); the dialog lets a non-admin install for one user.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\out
OutputBaseFilename=kds-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\kds.ico
UninstallDisplayIcon={app}\kds.exe
UninstallDisplayName=KDS
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closes a running KDS before files are replaced on upgrade.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "startwithwindows"; Description: "Start KDS when Windows starts (kitchen PC)"; GroupDescription: "Kiosk:"; Flags: unchecked

[Files]
; The whole one-folder bundle: kds.exe (windowed), kds-cli.exe (console) and _internal\.
Source: "..\out\dist\kds\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\KDS"; Filename: "{app}\kds.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\KDS demo (built-in simulator)"; Filename: "{app}\kds.exe"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autodesktop}\KDS"; Filename: "{app}\kds.exe"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{userstartup}\KDS"; Filename: "{app}\kds.exe"; WorkingDir: "{app}"; Tasks: startwithwindows

[Run]
Filename: "{app}\kds.exe"; Description: "{cm:LaunchProgram,KDS}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes everything it installed (files, shortcuts, the startup entry).
; Orders and settings in %LOCALAPPDATA%\kds are the restaurant's data and stay.
