; Fieldshelf's Windows installer, built by `make package-windows` with
; Debian's NSIS (makensis -DVERSION=... -DBIN=... -DOUT=... -DROOT=...).
; Per user and without administrator rights: the program goes to
; %LocalAppData%\Programs\Fieldshelf, the shortcut to the user's Start
; menu, the file association to HKEY_CURRENT_USER. The uninstaller removes
; those and nothing else: the library, downloads and annotations in
; %LocalAppData%\Fieldshelf stay.
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestDPIAware true

!define APP "Fieldshelf"
!define PROGID "Fieldshelf.PDF"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Fieldshelf"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
Icon "${ICON}"
UninstallIcon "${ICON}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "LegalCopyright" "See LICENSE"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Install"
	SetShellVarContext current
	SetOutPath "$INSTDIR"
	File "${BIN}\fieldshelf.exe"
	File "${BIN}\fieldshelf-cli.exe"
	File "/oname=LICENSE.txt" "${ROOT}\LICENSE"
	WriteUninstaller "$INSTDIR\uninstall.exe"
	CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\fieldshelf.exe" "" "$INSTDIR\fieldshelf.exe" 0

	; "Open with Fieldshelf" for PDF files, without taking the default.
	WriteRegStr HKCU "Software\Classes\${PROGID}" "" "PDF document"
	WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\fieldshelf.exe,0"
	WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APP}"
	WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\fieldshelf.exe" "%1"'
	WriteRegStr HKCU "Software\Classes\.pdf\OpenWithProgids" "${PROGID}" ""
	WriteRegStr HKCU "Software\Classes\Applications\fieldshelf.exe" "FriendlyAppName" "${APP}"
	WriteRegStr HKCU "Software\Classes\Applications\fieldshelf.exe\SupportedTypes" ".pdf" ""
	WriteRegStr HKCU "Software\Classes\Applications\fieldshelf.exe\shell\open\command" "" '"$INSTDIR\fieldshelf.exe" "%1"'

	; Apps & features.
	WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
	WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
	WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
	WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\fieldshelf.exe,0"
	WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
	SetShellVarContext current
	Delete "$SMPROGRAMS\${APP}.lnk"
	Delete "$INSTDIR\fieldshelf.exe"
	Delete "$INSTDIR\fieldshelf-cli.exe"
	Delete "$INSTDIR\LICENSE.txt"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegValue HKCU "Software\Classes\.pdf\OpenWithProgids" "${PROGID}"
	DeleteRegKey HKCU "Software\Classes\${PROGID}"
	DeleteRegKey HKCU "Software\Classes\Applications\fieldshelf.exe"
	DeleteRegKey HKCU "${UNINST_KEY}"
	; The user's library in $LOCALAPPDATA\Fieldshelf is theirs: it stays.
SectionEnd
