<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>pirl::widgets::CheckpointBrowser</name>
    <message>
        <source>Filter runs…</source>
        <translation>Läufe filtern…</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Evaluate the selected checkpoint (ODE, the run&apos;s fixed seeds) on its tasks and their OOD variants</source>
        <translation>Den ausgewählten Checkpoint (ODE, feste Seeds des Laufs) auf seinen Aufgaben und deren OOD-Varianten auswerten</translation>
    </message>
    <message>
        <source>episodes/task:</source>
        <translation>Episoden/Aufgabe:</translation>
    </message>
    <message>
        <source>A/B compare</source>
        <translation>A/B-Vergleich</translation>
    </message>
    <message>
        <source>Evaluate two selected checkpoints on the same seeds, side by side</source>
        <translation>Zwei ausgewählte Checkpoints mit denselben Seeds nebeneinander auswerten</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>Von hier fortsetzen</translation>
    </message>
    <message>
        <source>Continue the run from this checkpoint</source>
        <translation>Den Lauf ab diesem Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Fork…</source>
        <translation>Abzweigen…</translation>
    </message>
    <message>
        <source>Open the launcher with a new run starting from this checkpoint</source>
        <translation>Den Launcher mit einem neuen Lauf öffnen, der bei diesem Checkpoint beginnt</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Write a TorchScript policy (pirl export)</source>
        <translation>Eine TorchScript-Policy schreiben (pirl export)</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected checkpoints (rows and files)</source>
        <translation>Die ausgewählten Checkpoints löschen (Einträge und Dateien)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Re-read the database</source>
        <translation>Die Datenbank neu einlesen</translation>
    </message>
    <message>
        <source>Run / step</source>
        <translation>Lauf / Schritt</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>Umgebungsschritte</translation>
    </message>
    <message>
        <source>Eval success</source>
        <translation>Auswertungserfolg</translation>
    </message>
    <message>
        <source>OOD success</source>
        <translation>OOD-Erfolg</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <source>forked from run #%1</source>
        <translation>abgezweigt von Lauf #%1</translation>
    </message>
    <message>
        <source>, step %1</source>
        <translation>, Schritt %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>unknown checkpoint</source>
        <translation>unbekannter Checkpoint</translation>
    </message>
    <message>
        <source>, OOD variants too</source>
        <translation>, auch OOD-Varianten</translation>
    </message>
    <message>
        <source>run %1 step %2: %3 in distribution</source>
        <translation>Lauf %1, Schritt %2: %3 in der Verteilung</translation>
    </message>
    <message>
        <source>Select one checkpoint to export.</source>
        <translation>Wählen Sie einen Checkpoint zum Exportieren.</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
    <message>
        <source>Select checkpoints to delete.</source>
        <translation>Wählen Sie die zu löschenden Checkpoints.</translation>
    </message>
    <message>
        <source>Delete checkpoints</source>
        <translation>Checkpoints löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n checkpoint(s) with their files and evaluations?</source>
        <translation>
            <numerusform>%n Checkpoint mit Dateien und Auswertungen löschen?</numerusform>
            <numerusform>%n Checkpoints mit Dateien und Auswertungen löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n checkpoint(s)</source>
        <translation>
            <numerusform>%n Checkpoint gelöscht</numerusform>
            <numerusform>%n Checkpoints gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Select exactly two checkpoints to compare.</source>
        <translation>Wählen Sie genau zwei Checkpoints zum Vergleichen.</translation>
    </message>
    <message>
        <source>An evaluation is running.</source>
        <translation>Eine Auswertung läuft bereits.</translation>
    </message>
    <message>
        <source>run %1 step %2</source>
        <translation>Lauf %1, Schritt %2</translation>
    </message>
    <message>
        <source>Comparing %1 and %2 on the same %3 episodes per task…</source>
        <translation>Vergleiche %1 und %2 auf denselben %3 Episoden pro Aufgabe…</translation>
    </message>
    <message>
        <source>A/B comparison</source>
        <translation>A/B-Vergleich</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Compared %1 (%2) and %3 (%4)</source>
        <translation>%1 (%2) und %3 (%4) verglichen</translation>
    </message>
    <message>
        <source>Run %1 cannot be resumed (%2 %3 run)</source>
        <translation>Lauf %1 kann nicht fortgesetzt werden (%2, %3-Lauf)</translation>
    </message>
    <message>
        <source>Run %1 is still running; stop it before deleting it.</source>
        <translation>Lauf %1 läuft noch; stoppen Sie ihn vor dem Löschen.</translation>
    </message>
    <message>
        <source>x₀ scale:</source>
        <translation>x₀-Skala:</translation>
    </message>
    <message>
        <source>run&apos;s</source>
        <translation>des Laufs</translation>
    </message>
    <message>
        <source>Scale of the ODE&apos;s initial noise x₀ for Evaluate and A/B compare: 0 evaluates the deterministic policy. Results under another scale than the run&apos;s are shown, not stored.</source>
        <translation>Skala des Anfangsrauschens x₀ der ODE für Auswerten und A/B-Vergleich: 0 wertet die deterministische Policy aus. Ergebnisse unter einer anderen Skala als der des Laufs werden angezeigt, nicht gespeichert.</translation>
    </message>
    <message>
        <source>Evaluating run %1 step %2 (%3 episodes per task%4%5)…</source>
        <translation>Werte Lauf %1, Schritt %2 aus (%3 Episoden pro Aufgabe%4%5)…</translation>
    </message>
    <message>
        <source>, x₀ scale %1</source>
        <translation>, x₀-Skala %1</translation>
    </message>
    <message>
        <source> (x₀ scale %1, not the run&apos;s: not stored)</source>
        <translation> (x₀-Skala %1, nicht die des Laufs: nicht gespeichert)</translation>
    </message>
    <message>
        <source>Same evaluation seeds, %1 episodes per task (ODE, x₀ scale %2).</source>
        <translation>Dieselben Auswertungs-Seeds, %1 Episoden pro Aufgabe (ODE, x₀-Skala %2).</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Mitteln</translation>
    </message>
    <message>
        <source>Average the networks of the selected checkpoints of one run into a new run (pirl average)</source>
        <translation>Die Netze der gewählten Checkpoints eines Laufs zu einem neuen Lauf mitteln (pirl average)</translation>
    </message>
    <message>
        <source>Select two or more checkpoints of one run to average.</source>
        <translation>Zum Mitteln zwei oder mehr Checkpoints eines Laufs wählen.</translation>
    </message>
    <message>
        <source>Select checkpoints of one run to average.</source>
        <translation>Zum Mitteln Checkpoints eines einzigen Laufs wählen.</translation>
    </message>
    <message numerus="yes">
        <source>Averaged %n checkpoint(s) of run %1 into run %2</source>
        <translation>
            <numerusform>%n Checkpoint von Lauf %1 zu Lauf %2 gemittelt</numerusform>
            <numerusform>%n Checkpoints von Lauf %1 zu Lauf %2 gemittelt</numerusform>
        </translation>
    </message>
    <message>
        <source>average of checkpoints of run #%1</source>
        <translation>Mittel aus Checkpoints von Lauf #%1</translation>
    </message>
    <message>
        <source>, newest step %1</source>
        <translation>, jüngster Schritt %1</translation>
    </message>
    <message numerus="yes">
        <source> (stored; the checkpoint keeps its %n-episode success)</source>
        <translation>
            <numerusform> (gespeichert; der Checkpoint behält seine Erfolgsrate aus %n Episode)</numerusform>
            <numerusform> (gespeichert; der Checkpoint behält seine Erfolgsrate aus %n Episoden)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::ConfigDiffModel</name>
    <message>
        <source>unreadable: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::DenoiseView</name>
    <message>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <source>Select a run in the Runs table to list its checkpoints</source>
        <translation>Wählen Sie in der Lauftabelle einen Lauf, um seine Checkpoints aufzulisten</translation>
    </message>
    <message>
        <source>Observation:</source>
        <translation>Beobachtung:</translation>
    </message>
    <message>
        <source>Episode seed of the reset state</source>
        <translation>Episoden-Seed des Anfangszustands</translation>
    </message>
    <message>
        <source>Reset state</source>
        <translation>Anfangszustand</translation>
    </message>
    <message>
        <source>Use the task&apos;s initial state for this seed (or a Replay frame: &quot;Inspect denoising&quot; there)</source>
        <translation>Den Anfangszustand der Aufgabe für diesen Seed verwenden (oder ein Replay-Bild: dort „Entrauschen untersuchen“)</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>Stichproben:</translation>
    </message>
    <message>
        <source>Noise seed:</source>
        <translation>Rausch-Seed:</translation>
    </message>
    <message>
        <source>Std tubes</source>
        <translation>Std-Röhren</translation>
    </message>
    <message>
        <source>Draw each stochastic step&apos;s positional std as a tube</source>
        <translation>Die Positions-Standardabweichung jedes stochastischen Schritts als Röhre zeichnen</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Abtasten</translation>
    </message>
    <message>
        <source>Blue: noise (t = 1) → red: action (t = 0). Opaque: the executed part of the chunk; faint: the discarded tail.</source>
        <translation>Blau: Rauschen (t = 1) → Rot: Aktion (t = 0). Deckend: der ausgeführte Teil des Chunks; blass: das verworfene Ende.</translation>
    </message>
    <message>
        <source>ODE (evaluation)</source>
        <translation>ODE (Auswertung)</translation>
    </message>
    <message>
        <source>Flow-SDE (hybrid)</source>
        <translation>Flow-SDE (hybrid)</translation>
    </message>
    <message>
        <source>Flow-Noise</source>
        <translation>Flow-Noise</translation>
    </message>
    <message>
        <source>Pick a checkpoint and press Sample.</source>
        <translation>Wählen Sie einen Checkpoint und drücken Sie „Abtasten“.</translation>
    </message>
    <message>
        <source>run %1 · step %2%3</source>
        <translation>Lauf %1 · Schritt %2%3</translation>
    </message>
    <message>
        <source> · eval %1%</source>
        <translation> · Auswertung %1%</translation>
    </message>
    <message>
        <source>no checkpoint selected</source>
        <translation>kein Checkpoint ausgewählt</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n sample(s) × %2 denoising steps · chunk %3 (executed %4)</source>
        <translation>
            <numerusform>%1 · %n Stichprobe × %2 Entrauschungsschritte · Chunk %3 (ausgeführt %4)</numerusform>
            <numerusform>%1 · %n Stichproben × %2 Entrauschungsschritte · Chunk %3 (ausgeführt %4)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::GhostReplay</name>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Go to divergence</source>
        <translation>Zur Abweichung</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; opaque, &lt;b&gt;%2&lt;/b&gt; translucent blue · %3 vs %4 steps · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; deckend, &lt;b&gt;%2&lt;/b&gt; durchscheinend blau · %3 gegen %4 Schritte · %5</translation>
    </message>
    <message>
        <source>identical throughout</source>
        <translation>durchgehend identisch</translation>
    </message>
    <message>
        <source>first divergence at step %1</source>
        <translation>erste Abweichung bei Schritt %1</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>abgewichen</translation>
    </message>
    <message>
        <source>identical so far</source>
        <translation>bisher identisch</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::JobsWidget</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop cleanly with a final checkpoint, or remove from the queue</source>
        <translation>Sauber mit einem letzten Checkpoint stoppen oder aus der Warteschlange entfernen</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Eval success</source>
        <translation>Auswertungserfolg</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>SFT cannot pause; RL can</source>
        <translation>SFT kann nicht pausieren, RL schon</translation>
    </message>
    <message>
        <source>Hold the run between chunks</source>
        <translation>Den Lauf zwischen Chunks anhalten</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::LauncherWidget</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>SFT</source>
        <translation>SFT</translation>
    </message>
    <message>
        <source>RL</source>
        <translation>RL</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>%1 in [%2, %3]</source>
        <translation>%1 in [%2, %3]</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>eines von %1</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>(defaults)</source>
        <translation>(Standardwerte)</translation>
    </message>
    <message>
        <source>Start from a preset; your edits are shown under Differences</source>
        <translation>Mit einer Vorlage beginnen; Ihre Änderungen stehen unter „Unterschiede“</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Load a YAML config file</source>
        <translation>Eine YAML-Konfiguration laden</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the config as YAML</source>
        <translation>Die Konfiguration als YAML speichern</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Einreihen</translation>
    </message>
    <message>
        <source>Run after the queued runs before it (Ctrl+Shift+Return)</source>
        <translation>Nach den davor eingereihten Läufen starten (Strg+Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start now in the background (Ctrl+Return)</source>
        <translation>Sofort im Hintergrund starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>defaults</source>
        <translation>Standardwerte</translation>
    </message>
    <message>
        <source>Load config</source>
        <translation>Konfiguration laden</translation>
    </message>
    <message>
        <source>YAML configs (*.yaml *.yml)</source>
        <translation>YAML-Konfigurationen (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Pick tasks and OOD variants</source>
        <translation>Aufgaben und OOD-Varianten auswählen</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variante %1</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Start checkpoint</source>
        <translation>Start-Checkpoint</translation>
    </message>
    <message>
        <source>Demonstrations</source>
        <translation>Demonstrationen</translation>
    </message>
    <message>
        <source>Demonstrations (*.pirldemo)</source>
        <translation>Demonstrationen (*.pirldemo)</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>Differences (%1)</source>
        <translation>Unterschiede (%1)</translation>
    </message>
    <message>
        <source>Options that differ from %1</source>
        <translation>Optionen, die von %1 abweichen</translation>
    </message>
    <message numerus="yes">
        <source>%n option(s) invalid: %1</source>
        <translation>
            <numerusform>%n Option ungültig: %1</numerusform>
            <numerusform>%n Optionen ungültig: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready: %1 with %n change(s) from %2</source>
        <translation>
            <numerusform>Bereit: %1 mit %n Änderung gegenüber %2</numerusform>
            <numerusform>Bereit: %1 mit %n Änderungen gegenüber %2</numerusform>
        </translation>
    </message>
    <message>
        <source> (fork of run %1)</source>
        <translation> (Abzweigung von Lauf %1)</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::LiveView</name>
    <message>
        <source>Job:</source>
        <translation>Auftrag:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>Which of the snapshot&apos;s environments to show</source>
        <translation>Welche Umgebung des Schnappschusses gezeigt wird</translation>
    </message>
    <message>
        <source>Denoising chain</source>
        <translation>Entrauschungskette</translation>
    </message>
    <message>
        <source>Draw the end-effector paths of environment 0&apos;s last denoising chain (blue: noise, red: action; faint: the discarded tail of the chunk)</source>
        <translation>Die Endeffektor-Pfade der letzten Entrauschungskette von Umgebung 0 zeichnen (blau: Rauschen, rot: Aktion; blass: das verworfene Ende des Chunks)</translation>
    </message>
    <message>
        <source>Launch a run (or select a running job) to watch its rollouts.</source>
        <translation>Starten Sie einen Lauf (oder wählen Sie einen laufenden Auftrag), um seine Rollouts zu sehen.</translation>
    </message>
    <message>
        <source>iteration %1 · %2</source>
        <translation>Iteration %1 · %2</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::MainWindow</name>
    <message>
        <source>PiRL Studio</source>
        <translation>PiRL Studio</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Live 3D</source>
        <translation>Live 3D</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Denoising</source>
        <translation>Entrauschen</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <source>Launcher</source>
        <translation>Launcher</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>Where runs with device &quot;auto&quot; train</source>
        <translation>Wo Läufe mit Gerät „auto“ trainieren</translation>
    </message>
    <message>
        <source>Run %1 has no recorded episodes to replay.</source>
        <translation>Lauf %1 hat keine aufgezeichneten Episoden zum Abspielen.</translation>
    </message>
    <message>
        <source>run #%1</source>
        <translation>Lauf #%1</translation>
    </message>
    <message>
        <source>Fork of run %1 ready in the launcher (differences from its config shown)</source>
        <translation>Abzweigung von Lauf %1 liegt im Launcher bereit (Unterschiede zu seiner Konfiguration angezeigt)</translation>
    </message>
    <message>
        <source>No project database is open.</source>
        <translation>Keine Projektdatenbank geöffnet.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project database…</source>
        <translation>&amp;Neue Projektdatenbank…</translation>
    </message>
    <message>
        <source>New project database</source>
        <translation>Neue Projektdatenbank</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Datenbanken (*.db)</translation>
    </message>
    <message>
        <source>&amp;Open project database…</source>
        <translation>Projektdatenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open project database</source>
        <translation>Projektdatenbank öffnen</translation>
    </message>
    <message>
        <source>Open the &amp;default database</source>
        <translation>&amp;Standarddatenbank öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;Pause job</source>
        <translation>Auftrag &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume job</source>
        <translation>Auftrag &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop job</source>
        <translation>Auftrag &amp;stoppen</translation>
    </message>
    <message>
        <source>&amp;Compare selected configs</source>
        <translation>Ausgewählte Konfigurationen &amp;vergleichen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when PiRL Studio starts next time.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von PiRL Studio.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About PiRL Studio</source>
        <translation>&amp;Über PiRL Studio</translation>
    </message>
    <message>
        <source>About PiRL Studio</source>
        <translation>Über PiRL Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PiRL Studio %1&lt;/h3&gt;&lt;p&gt;Online RL fine-tuning of flow-matching robot policies with Flow-Noise and Flow-SDE.&lt;/p&gt;&lt;p&gt;Versions: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PiRL Studio %1&lt;/h3&gt;&lt;p&gt;Online-RL-Feinabstimmung von Flow-Matching-Roboter-Policies mit Flow-Noise und Flow-SDE.&lt;/p&gt;&lt;p&gt;Versionen: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Config comparison</source>
        <translation>Konfigurationsvergleich</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) active</source>
        <translation>
            <numerusform>%n Lauf aktiv</numerusform>
            <numerusform>%n Läufe aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PiRL Studio — %n run(s) active</source>
        <translation>
            <numerusform>PiRL Studio — %n Lauf aktiv</numerusform>
            <numerusform>PiRL Studio — %n Läufe aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) are still active. Stop them (each writes a final checkpoint) and quit?</source>
        <translation>
            <numerusform>%n Lauf ist noch aktiv. Stoppen (mit einem letzten Checkpoint) und beenden?</numerusform>
            <numerusform>%n Läufe sind noch aktiv. Stoppen (jeder schreibt einen letzten Checkpoint) und beenden?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::MetricsWidget</name>
    <message>
        <source>X axis:</source>
        <translation>X-Achse:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>Umgebungsschritte</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>Laufzeit (s)</translation>
    </message>
    <message>
        <source>Plot against iterations, environment steps or seconds</source>
        <translation>Gegen Iterationen, Umgebungsschritte oder Sekunden auftragen</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Debiased exponential moving average weight (TensorBoard&apos;s formula), computed on the full-resolution data; the raw curve is drawn faint</source>
        <translation>Gewicht des entzerrten exponentiellen gleitenden Mittels (Formel von TensorBoard), auf den vollständigen Daten berechnet; die Rohkurve wird blass gezeichnet</translation>
    </message>
    <message>
        <source>Group seeds</source>
        <translation>Seeds gruppieren</translation>
    </message>
    <message>
        <source>Runs whose configs differ only in seed and name are drawn as their mean with a ± standard deviation band</source>
        <translation>Läufe, deren Konfigurationen sich nur in Seed und Name unterscheiden, werden als Mittel mit einem Band von ± einer Standardabweichung gezeichnet</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the axes to the data (zoom with the wheel, pan by dragging)</source>
        <translation>Die Achsen an die Daten anpassen (Zoom mit dem Mausrad, Verschieben durch Ziehen)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG, or the data as CSV</source>
        <translation>Das Diagramm als PNG oder SVG speichern oder die Daten als CSV</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg);;CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%1 (mean ± std of %n seeds)</source>
        <translation>
            <numerusform>%1 (Mittel ± Std. über %n Seed)</numerusform>
            <numerusform>%1 (Mittel ± Std. über %n Seeds)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), %1 points</source>
        <translation>
            <numerusform>%n Lauf, %1 Punkte</numerusform>
            <numerusform>%n Läufe, %1 Punkte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 @ %2: %3 (raw %4)</source>
        <translation>%1 @ %2: %3 (roh %4)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Cannot encode %1</source>
        <translation>%1 kann nicht kodiert werden</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::ReplayView</name>
    <message>
        <source>Iteration:</source>
        <translation>Iteration:</translation>
    </message>
    <message>
        <source>Iterations with recorded episodes</source>
        <translation>Iterationen mit aufgezeichneten Episoden</translation>
    </message>
    <message>
        <source>Episode:</source>
        <translation>Episode:</translation>
    </message>
    <message>
        <source>Inspect denoising</source>
        <translation>Entrauschen untersuchen</translation>
    </message>
    <message>
        <source>Sample this frame&apos;s denoising chains from the run&apos;s checkpoint</source>
        <translation>Die Entrauschungsketten dieses Bildes aus dem Checkpoint des Laufs abtasten</translation>
    </message>
    <message>
        <source>Open a run&apos;s episodes: click a point of a curve in Metrics, or pick an iteration above.</source>
        <translation>Episoden eines Laufs öffnen: Klicken Sie in „Metriken“ auf einen Kurvenpunkt oder wählen Sie oben eine Iteration.</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>Belohnung</translation>
    </message>
    <message>
        <source>value V(s)</source>
        <translation>Wert V(s)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>control step (dashed: chunk boundaries)</source>
        <translation>Steuerschritt (gestrichelt: Chunk-Grenzen)</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Playback speed (1× = the 10 Hz control rate)</source>
        <translation>Wiedergabegeschwindigkeit (1× = die 10-Hz-Steuerrate)</translation>
    </message>
    <message>
        <source>Run %1 has no recorded episodes.</source>
        <translation>Lauf %1 hat keine aufgezeichneten Episoden.</translation>
    </message>
    <message>
        <source>%1 · seed %2 · %3 · return %4 · %5 steps</source>
        <translation>%1 · Seed %2 · %3 · Ertrag %4 · %5 Schritte</translation>
    </message>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>Misserfolg</translation>
    </message>
    <message>
        <source>no checkpoint at or before iteration %1</source>
        <translation>kein Checkpoint bei oder vor Iteration %1</translation>
    </message>
    <message>
        <source>value: %1</source>
        <translation>Wert: %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunManager</name>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stoppt</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Queued &quot;%1&quot; (job %2)</source>
        <translation>„%1“ eingereiht (Auftrag %2)</translation>
    </message>
    <message>
        <source>Started &quot;%1&quot; (job %2)</source>
        <translation>„%1“ gestartet (Auftrag %2)</translation>
    </message>
    <message>
        <source>Job %1, iteration %2: evaluation success %3%</source>
        <translation>Auftrag %1, Iteration %2: Auswertungserfolg %3%</translation>
    </message>
    <message>
        <source>final evaluation success %1% (%2 s, %3)</source>
        <translation>Auswertungserfolg am Ende %1% (%2 s, %3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (job %2) %3: %4</source>
        <translation>„%1“ (Auftrag %2) %3: %4</translation>
    </message>
    <message>
        <source>Paused job %1</source>
        <translation>Auftrag %1 pausiert</translation>
    </message>
    <message>
        <source>Resumed job %1</source>
        <translation>Auftrag %1 fortgesetzt</translation>
    </message>
    <message>
        <source>removed from the queue</source>
        <translation>aus der Warteschlange entfernt</translation>
    </message>
    <message>
        <source>Stopping job %1 (a final checkpoint is written)</source>
        <translation>Stoppe Auftrag %1 (ein letzter Checkpoint wird geschrieben)</translation>
    </message>
    <message>
        <source>Job %1 is in SFT, which cannot pause; RL can</source>
        <translation>Auftrag %1 ist in der SFT-Phase, die nicht pausieren kann; RL kann es</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunsModel</name>
    <message>
        <source>SFT</source>
        <translation>SFT</translation>
    </message>
    <message>
        <source>SFT → %1</source>
        <translation>SFT → %1</translation>
    </message>
    <message>
        <source>Started %1 on %2, seed %3</source>
        <translation>Gestartet %1 auf %2, Seed %3</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algorithmus</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Best success</source>
        <translation>Bester Erfolg</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Letzter Erfolg</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>Umgebungsschritte</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>A run name cannot be empty.</source>
        <translation>Ein Laufname darf nicht leer sein.</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunsWidget</name>
    <message>
        <source>Search runs (name, task, tags, notes…)</source>
        <translation>Läufe durchsuchen (Name, Aufgabe, Schlagwörter, Notizen…)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Compare configs</source>
        <translation>Konfigurationen vergleichen</translation>
    </message>
    <message>
        <source>Show the configs of the selected runs side by side</source>
        <translation>Die Konfigurationen der ausgewählten Läufe nebeneinander zeigen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the selected RL run from its newest checkpoint</source>
        <translation>Den ausgewählten RL-Lauf ab seinem neuesten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected runs with their metrics and files</source>
        <translation>Die ausgewählten Läufe mit Metriken und Dateien löschen</translation>
    </message>
    <message>
        <source>Run %1 cannot be resumed (%2 %3 run)</source>
        <translation>Lauf %1 kann nicht fortgesetzt werden (%2, %3-Lauf)</translation>
    </message>
    <message>
        <source>Replay episodes</source>
        <translation>Episoden abspielen</translation>
    </message>
    <message>
        <source>Select two or more runs to compare their configs.</source>
        <translation>Wählen Sie zwei oder mehr Läufe, um ihre Konfigurationen zu vergleichen.</translation>
    </message>
    <message>
        <source>Config comparison</source>
        <translation>Konfigurationsvergleich</translation>
    </message>
    <message numerus="yes">
        <source>Differences only (%n option(s) differ)</source>
        <translation>
            <numerusform>Nur Unterschiede (%n Option weicht ab)</numerusform>
            <numerusform>Nur Unterschiede (%n Optionen weichen ab)</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 is still running; stop it before deleting it.</source>
        <translation>Lauf %1 läuft noch; stoppen Sie ihn vor dem Löschen.</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with their metrics, episodes and checkpoint files?

%1</source>
        <translation>
            <numerusform>%n Lauf mit Metriken, Episoden und Checkpoint-Dateien löschen?

%1</numerusform>
            <numerusform>%n Läufe mit Metriken, Episoden und Checkpoint-Dateien löschen?

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete failed: %1</source>
        <translation>Löschen fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s)</source>
        <translation>
            <numerusform>%n Lauf gelöscht</numerusform>
            <numerusform>%n Läufe gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Train further…</source>
        <translation>Weiter trainieren…</translation>
    </message>
    <message>
        <source>Continue the selected stopped or finished RL run to more iterations, in the same run</source>
        <translation>Den ausgewählten gestoppten oder beendeten RL-Lauf im selben Lauf auf mehr Iterationen fortsetzen</translation>
    </message>
    <message>
        <source>; train it further to more iterations instead</source>
        <translation>; trainieren Sie ihn stattdessen auf mehr Iterationen weiter</translation>
    </message>
    <message>
        <source>Select one RL run to train further</source>
        <translation>Wählen Sie einen RL-Lauf zum Weitertrainieren</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the table</source>
        <translation>Lauf %1 ist nicht mehr in der Tabelle</translation>
    </message>
    <message>
        <source>Run %1 cannot be trained further (%2 %3 run)</source>
        <translation>Lauf %1 kann nicht weiter trainiert werden (%2, %3-Lauf)</translation>
    </message>
    <message>
        <source>Train further</source>
        <translation>Weiter trainieren</translation>
    </message>
    <message>
        <source>Run %1 (%2) was set to %3 RL iterations; its newest checkpoint is at iteration %4.
Train it on to this many iterations in all (same run, optimizer kept):</source>
        <translation>Lauf %1 (%2) war auf %3 RL-Iterationen eingestellt; sein neuester Checkpoint ist bei Iteration %4.
Bis zu so vielen Iterationen insgesamt weiter trainieren (derselbe Lauf, Optimierer bleibt erhalten):</translation>
    </message>
    <message>
        <source>Run %1 resumes at iteration %2; train it to more iterations than that</source>
        <translation>Lauf %1 setzt bei Iteration %2 fort; trainieren Sie ihn auf mehr Iterationen als diese</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::VtkView</name>
    <message>
        <source>No scene</source>
        <translation>Keine Szene</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Frame the whole scene</source>
        <translation>Die ganze Szene einpassen</translation>
    </message>
    <message>
        <source>Iso</source>
        <translation>Iso</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Vorne</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Oben</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Show contact points</source>
        <translation>Kontaktpunkte zeigen</translation>
    </message>
    <message>
        <source>EE frame</source>
        <translation>EE-Rahmen</translation>
    </message>
    <message>
        <source>Show the end-effector frame (x red, y green, z blue)</source>
        <translation>Den Endeffektor-Rahmen zeigen (x rot, y grün, z blau)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>PiRL Studio: online RL fine-tuning of flow-matching robot policies with Flow-Noise and Flow-SDE</source>
        <translation>PiRL Studio: Online-RL-Feinabstimmung von Flow-Matching-Roboter-Policies mit Flow-Noise und Flow-SDE</translation>
    </message>
    <message>
        <source>Project database to open.</source>
        <translation>Zu öffnende Projektdatenbank.</translation>
    </message>
    <message>
        <source>Write a PNG of the main window once loaded, then exit.</source>
        <translation>Ein PNG des Hauptfensters nach dem Laden schreiben, dann beenden.</translation>
    </message>
    <message>
        <source>Select these run ids (comma-separated) at start.</source>
        <translation>Diese Lauf-IDs (durch Kommas getrennt) beim Start auswählen.</translation>
    </message>
    <message>
        <source>Run a GUI benchmark (plot, eventloop or live), print JSON, exit.</source>
        <translation>Einen GUI-Benchmark ausführen (plot, eventloop oder live), JSON ausgeben, beenden.</translation>
    </message>
    <message>
        <source>Write PNGs of the window and each view into DIR, then exit.</source>
        <translation>PNGs des Fensters und jeder Ansicht in DIR schreiben, dann beenden.</translation>
    </message>
    <message>
        <source>Metric to show at start (e.g. eval/success_once).</source>
        <translation>Beim Start anzuzeigende Metrik (z. B. eval/success_once).</translation>
    </message>
    <message>
        <source>X axis at start: step, env_steps or wall_time.</source>
        <translation>X-Achse beim Start: step, env_steps oder wall_time.</translation>
    </message>
    <message>
        <source>Open run RUN&apos;s episodes of iteration STEP in Replay.</source>
        <translation>Die Episoden von Lauf RUN in Iteration STEP in der Wiedergabe öffnen.</translation>
    </message>
    <message>
        <source>Replay frame to show (with --replay).</source>
        <translation>Anzuzeigendes Wiedergabebild (mit --replay).</translation>
    </message>
    <message>
        <source>Sample the denoising chains of the replay frame (or of the selected run&apos;s task) at start.</source>
        <translation>Beim Start die Entrauschungsketten des Wiedergabebildes (oder der Aufgabe des ausgewählten Laufs) abtasten.</translation>
    </message>
</context>
</TS>
