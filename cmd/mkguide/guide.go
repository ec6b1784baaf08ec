package main

// section is a titled part of the guide. A paragraph starting with "# " is a
// subheading and one starting with "- " a list item.
type section struct {
	title string
	paras []string
}

// guide is the user guide's text.
var guide = []section{
	{"Welcome to Fieldshelf", []string{
		"Fieldshelf keeps the reports, handbooks and guidance papers you need on your laptop, so you can read them where there is no connection. When a connection appears, it brings your catalogues up to date and fetches the publications you chose to keep. Everything else works offline.",
		"This guide is itself a publication in the demo library: you are reading it with the same reader you will use for your own documents.",
		"# The main window",
		"- The search field at the top looks through titles, summaries, publishers and tags, and through the pages of downloaded documents and your notes.",
		"- The filters below it narrow the list by tag or region, type, year and publisher, or show only documents that are offline, that carry your notes or that have a newer edition.",
		"- The list shows every publication with an Offline badge when its file is on this computer. Select one to see its summary and actions on the right.",
		"- The status line at the bottom says when you last synced, whether the catalogue servers can be reached, and any problem worth knowing about.",
		"# In this guide",
		"> Adding a catalogue",
		"> Downloading publications",
		"> Reading",
		"> > Moving around",
		"> > Links",
		"> > Finding text",
		"> > Selecting and copying text",
		"> Bookmarks and notes",
		"> Exporting and importing",
		"> Publishing for trainers",
	}},
	{"Adding a catalogue", []string{
		"Organisations publish their documents in catalogues (OPDS feeds). To follow one, open Settings with the gear button, choose the Catalogues tab and press Add. Paste the catalogue address your organisation gave you and give it a short name.",
		"# Catalogues that need a password",
		"Some catalogues ask for a user name and password. Type both when you add the catalogue: Fieldshelf keeps the password in the system keyring, never in its own files. Where there is no keyring, it keeps the password until it closes and asks for it again the next time. Scripts can name an environment variable that holds the password instead.",
		"# Syncing",
		"Press Sync to fetch the latest catalogue. Fieldshelf also syncs when it starts and when the connection comes back (you can turn this off in Settings). A sync only changes the catalogue: your downloads, bookmarks and notes are never touched. Publications removed from a catalogue are marked as withdrawn, not deleted.",
	}},
	{"Downloading publications", []string{
		"Select a publication and press Download. The progress shows in the list and in the details; press Cancel to stop. An interrupted download resumes where it stopped the next time you press Download.",
		"A file is only marked Offline once it has arrived complete and has been checked. When the catalogue later offers a new edition, the badge says Update; press Update to fetch it. Your annotations move to the new edition.",
		"# Keeping space under control",
		"In Settings you can set a cache limit such as 2GB. When downloads go over it, Fieldshelf removes the files you opened least recently. It never removes a file you pinned (the Keep check box) or one that carries your bookmarks or notes.",
		"# When there is no file",
		"Some catalogue entries describe a publication without offering its file. Fieldshelf says so in the details: download such documents from the publisher's own website.",
	}},
	{"Reading", []string{
		"Press Read to open a downloaded publication. Fieldshelf reopens each document at the page and zoom where you left it.",
		"# Moving around",
		"- Right arrow: next page. Left arrow: previous page. Each page opens at its top.",
		"- Space or Page Down: down a screen, and on to the next page at the end of one. Shift+Space or Page Up: back the same way.",
		"- The mouse wheel scrolls three lines a notch. Home and End: first and last page. Ctrl+G: go to a page. You can also type a number in the page box.",
		"- Escape: back to the library. F1 or the ? button lists every shortcut.",
		"# Links",
		"A link in a document takes you to the place it points to, like the entries of the list In this guide on the first page. Alt+Left or the Back button returns to where you were, Alt+Right goes forward again. A link to a web page shows its address first and opens it in your web browser only if you agree.",
		"# Zoom and night mode",
		"Width fits the page to the window's width, Page shows the whole page. The magnifier buttons, Ctrl+plus and Ctrl+minus, or Ctrl with the mouse wheel zoom in steps. Night turns the page dark for reading at night.",
		"# Finding text",
		"Press Ctrl+F, type a word and press Enter. Every match is highlighted and the current one is marked in orange; press Enter again for the next match and Shift+Enter for the one before. A long document shows how far the search has gone, and Stop ends it. Empty the field to clear the marks; Escape leaves it.",
		"# Selecting and copying text",
		"Drag over text to select it and press Ctrl+C to copy it. Right-click the selection to copy it, highlight it or add a note to it. With Highlight on in the toolbar (or Shift held), a drag makes a highlight at once.",
		"# Contents and pages",
		"The side panel shows the document's table of contents, small pictures of its pages, and your notes. Click an entry to jump to it.",
	}},
	{"Bookmarks and notes", []string{
		"Press Ctrl+B or the Bookmark button to bookmark the page you are reading. Press Ctrl+N or the Note button to write a note on the page, or Doc note for a note about the whole document.",
		"All your bookmarks and notes appear in the Notes tab of the side panel. Click one to go to its page. Use the pencil button to edit it and the bin to delete it; Undo brings back what you just deleted.",
		"Notes carry your name, which you set once in Settings under Author. Everything you write is saved as soon as you write it, and survives syncs, new editions and removing the file.",
	}},
	{"Exporting and importing", []string{
		"Trainers often annotate a handbook and hand their notes to the people they train. In the Notes tab, the save button exports the document's annotations to a file: choose a name ending in .md for a readable Markdown summary, or .json for a file another Fieldshelf can import.",
		"To import, press the folder button in the Notes tab and choose the .json file. The imported annotations keep their author and sit beside your own. Importing the same file twice adds nothing.",
		"The annotations follow the publication, not the file: they find their place in your copy even when it is a different edition, and anything that cannot be placed is kept and marked for review.",
		"# Command line",
		"Everything in this guide can also be done from a terminal, for scripts and scheduled syncs. Run fieldshelf help to see the commands.",
	}},
	{"Publishing for trainers", []string{
		"A trainer can hand a whole workshop to a room of laptops with no internet: the handbooks, and the trainer's own highlights and notes on them. Fieldshelf publishes a folder of PDFs as a catalogue, serves it over the room's Wi-Fi or a phone's hotspot, and every trainee syncs it like any other catalogue.",
		"# Prepare the folder",
		"Put the PDFs in one folder. Beside them, a file named catalogue.csv may describe each one, a row per file, with the columns file, title, summary, authors, publisher, year, type, regions, tags and language. Separate several authors, regions or tags with a semicolon. Leave a cell empty and Fieldshelf takes what the PDF says of itself, or its first page. A PDF that cannot be read is named and left out.",
		"# Publish",
		"Press Share in the toolbar, then Publish a folder for a workshop. Choose the folder, the folder the catalogue goes to (a new one, or a USB stick), a title, and the annotation files to publish with it: those that Export writes in the Notes tab. Each annotation goes with the publication it is about. Press Publish: the list of what was published, and of anything left out, follows. Publishing the same folder again rewrites only what changed.",
		"# Share it",
		"Press Share it with people nearby. The window shows the address, such as http://192.168.1.20:8421/catalog.xml, and the Share button says Sharing on until you turn it off. Trainees add that address in Settings, Catalogues, and press Sync. A catalogue on a USB stick works too: add the file catalog.xml on the stick as the address.",
		"# What trainees see",
		"Your highlights appear on their pages in a colour of their own, with your name beside them, and your notes are listed in their Notes tab under your name. Their own notes are never touched. Each trainee can hide your annotations, filter the Notes tab by author, and copy any of yours into their own notes. When you publish again, their next sync brings your changes.",
		"# From a terminal",
		"The same: fieldshelf publish FOLDER -o SITE --annotations my-notes.json, then fieldshelf serve SITE --addr 0.0.0.0:8421. With Share my offline publications, the Share dialog serves your own library in the same way.",
	}},
}
