"""Texts of the knowledge base's demo content (see knowledge/demo.py), in a small plain format.

HANDLUNGSKONZEPT: "# " starts a chapter, "## " a section; paragraphs are separated by blank lines.
FAQ: "= " starts a topic, "? " a question, "@ " gives the source of the answer above it.
"""

HANDLUNGSKONZEPT = """
# Einleitung

## Anlass und Ziel
Seit der Änderung des Teilhabe- und Integrationsgesetzes im Jahr 2022 ist das Kommunale
Integrationsmanagement (KIM) nach § 9 TIntG NRW dauerhaft gefördert. Der Märkische Kreis nutzt
diese Förderung, um die Arbeit der Behörden und Beratungsstellen für eingewanderte Menschen
verbindlich aufeinander abzustimmen.

Leitgedanke ist eine Begleitung „von der Einreise bis zur Einbürgerung“: Wer Leistungen und
Beratung aus mehreren Rechtskreisen braucht, soll nicht an den Grenzen zwischen den Ämtern
hängen bleiben. Das Handlungskonzept beschreibt, wie der Kreis und seine fünfzehn Kommunen
dieses Ziel gemeinsam erreichen wollen.

## Aufbau des Konzepts
Nach der Ausgangslage beschreibt das Konzept die Gremien, die Arbeit auf der Systemebene und die
drei Bausteine des KIM: die Koordination, das rechtskreisübergreifende Case Management und die
zusätzlichen Stellen in den Ausländer- und Einbürgerungsbehörden.

Die Kapitel zur Zusammenarbeit von Kreis und Kommunen, zur Rolle des Kommunalen
Integrationszentrums und zum Stand der Umsetzung schließen das Konzept ab. Es wird von der
KIM-Koordination fortgeschrieben und der Lenkungsgruppe jährlich vorgelegt.

# Ausgangslage im Märkischen Kreis

## Der Kreis und seine Kommunen
Zum Märkischen Kreis mit Sitz in Lüdenscheid gehören fünfzehn Städte und Gemeinden, von der
Großstadt Iserlohn bis zu kleinen Gemeinden wie Herscheid oder Nachrodt-Wiblingwerde. Iserlohn
hat eine eigene Ausländer- und Einbürgerungsbehörde, Lüdenscheid eine eigene
Einbürgerungsbehörde.

Sieben Kommunen haben ein eigenes Jugendamt, die übrigen acht betreut das Kreisjugendamt. Das
Jobcenter ist in neun Kommunen vor Ort, die Agentur für Arbeit in Iserlohn, Lüdenscheid, Menden
und Werdohl. Für eingewanderte Menschen bedeutet das: Zuständigkeiten unterscheiden sich je nach
Wohnort.

## Zuwanderung und Bedarfe
Die Zahl der Menschen ohne deutsche oder andere EU-Staatsangehörigkeit ist in den letzten Jahren
deutlich gestiegen, vor allem durch Fluchtzuwanderung. Die Bedarfe reichen von Sprachkursen über
Arbeit und Wohnen bis zur Sicherung des Aufenthalts.

Die Beratungslandschaft ist vielfältig: Wohlfahrtsverbände bieten Migrationsberatung für
Erwachsene, Jugendmigrationsdienste und Flüchtlingsberatung an, fünf Volkshochschulen
Sprachkurse. Was fehlte, war eine verbindliche Abstimmung über die Rechtskreise hinweg.

# Gremien

## Überblick
Das KIM im Märkischen Kreis stützt sich auf eine Lenkungsgruppe, themenbezogene Arbeitsgruppen
und bestehende Netzwerke. Die Gremien entscheiden, die KIM-Koordination bereitet vor und setzt
um.

Die politischen Ausschüsse des Kreises und der Kommunen werden regelmäßig mit Sachstandsberichten
zur Kenntnis informiert.

## Facharbeitskreise und Arbeitskreise vor Ort
Im Facharbeitskreis Integration treffen sich die Integrationsbeauftragten aller Kommunen drei-
bis viermal im Jahr. Er ist der wichtigste Ort, um Erfahrungen aus den Kommunen in die
Kreisebene zu tragen.

Der Facharbeitskreis Migrantenselbstorganisationen und die lokalen Arbeitskreise in den
Kommunen bringen die Sicht der Zugewanderten und der Ehrenamtlichen ein.

# Lenkungsgruppe

## Aufgaben
Die Lenkungsgruppe legt die Strategie des KIM fest, richtet Arbeitsgruppen ein und besetzt sie.
Sie beschließt die Zielsysteme und bereitet politische Entscheidungen vor.

Sie tagt zweimal im Jahr. Die Geschäftsführung liegt bei der KIM-Koordination, die Sitzungen
vorbereitet, Protokolle führt und Beschlüsse an alle Beteiligten weitergibt.

## Zusammensetzung
Die Geschäftsordnung sieht rund zwölf Sitze vor. Den Vorsitz hat die Leitung des Fachbereichs
Jugend und Bildung des Kreises, die Stellvertretung die Leitung des Kommunalen
Integrationszentrums.

Vertreten sind außerdem der Fachbereich öffentliche Ordnung, die Städte Iserlohn und
Lüdenscheid, eine weitere Kommune, zwei Wohlfahrtsverbände, die Agentur für Arbeit, das
Bundesamt für Migration und Flüchtlinge, das Jobcenter sowie ein Sitz für
Migrantenselbstorganisationen und Ehrenamt.

# Systemebene

## Meldung von Integrationshürden
Case Managerinnen, Case Manager und Partner melden fallbezogene Integrationshürden mit dem
Meldebogen. Der Meldebogen beschreibt eine Situation, niemals eine Person: Namen,
Geburtsdaten, Aktenzeichen und Adressen gehören nicht hinein.

Die KIM-Koordination sammelt die Meldungen, ordnet sie Themen zu und meldet den Meldenden
zurück, was aus ihrer Meldung geworden ist.

## Fallrekonstruktion und generative Themen
Ausgewählte Fälle werden in einer Fallrekonstruktion mit den beteiligten Stellen
nachgezeichnet. Die KIM-Koordination moderiert. Ziel ist nicht die Lösung des Einzelfalls,
sondern das Erkennen wiederkehrender, struktureller Probleme.

Solche generativen Themen sind zum Beispiel fehlende Ansprechpersonen, Schnittstellenprobleme
zwischen Ämtern, Sprachbarrieren oder datenschutzrechtliche Hürden beim Austausch von
Informationen.

## Arbeitsgruppen und Zielsysteme
Die Lenkungsgruppe kann zu einem Thema eine Arbeitsgruppe einrichten. Diese beschreibt die
bestehende Dienstleistungskette und schlägt ein verbessertes Zielsystem vor.

Ein Zielsystem hat drei Ebenen: Grundsatzziele der Lenkungsgruppe, Rahmenziele und
Ergebnisziele mit konkreten Maßnahmen. Beschlossene Zielsysteme werden begleitet, damit die
Veränderung im Einzelfall sichtbar wird.

# KIM-Koordination

## Aufgaben
Die KIM-Koordination steuert den Gesamtprozess: Sie führt die Geschäfte der Lenkungsgruppe,
begleitet die Arbeitsgruppen, wertet Meldungen aus und verantwortet das Landescontrolling.

Sie betreut die fachliche Begleitung des Case Managements, pflegt die
Kooperationsvereinbarungen mit den Kommunen und führt ein digitales Fallmanagement ein.

## Ausstattung
Für die Koordination stehen 4,5 Vollzeitäquivalente und 0,5 Vollzeitäquivalente für die
Verwaltung zur Verfügung. Die Stellen sind im Kommunalen Integrationszentrum angesiedelt.

Iserlohn hat eine eigene Koordinationsstelle, die eng mit der Koordination des Kreises
zusammenarbeitet.

# KIM-Case Management

## Arbeitsweise
Das Case Management begleitet Menschen mit komplexem Unterstützungsbedarf über die Rechtskreise
hinweg. Es klärt Bedarfe, vereinbart Ziele und stimmt die Hilfen der beteiligten Stellen ab.

Die Case Managerinnen und Case Manager arbeiten vor Ort in den Kommunen und melden
Integrationshürden, die sie im Einzelfall erleben, an die Koordination.

## Verteilung auf die Kommunen
Für das Case Management stehen 16 Vollzeitäquivalente zur Verfügung. Sie werden nach einem
Verteilungsschlüssel auf die Kommunen verteilt.

Der Schlüssel berücksichtigt Zuwanderungs- und Asylzahlen sowie die Zahl der Einwohnerinnen und
Einwohner ohne deutsche oder andere EU-Staatsangehörigkeit. Er wird jährlich überprüft.

# Stellen in Ausländer- und Einbürgerungsbehörden

## Aufenthaltssicherung
Zusätzliche Stellen in den Ausländerbehörden sichern den Aufenthalt gut integrierter Menschen,
insbesondere nach §§ 25a und 25b AufenthG. Sie beraten aktiv und sprechen Berechtigte gezielt
an.

## Einbürgerung
In den Einbürgerungsbehörden werben zusätzliche Stellen für die Einbürgerung und beschleunigen
die Verfahren. Informationsveranstaltungen in den Kommunen ergänzen die Einzelberatung.

# Zusammenarbeit von Kreis und Kommunen

## Kooperationsvereinbarungen
Mit jeder Kommune schließt der Kreis eine Kooperationsvereinbarung. Sie regelt die Aufgaben
beider Seiten, die Einbindung des Case Managements vor Ort und die gegenseitige Information.

Die Vereinbarungen werden regelmäßig evaluiert. Das Portal zeigt, wann die nächste Evaluation
fällig ist.

## Integrationsbeauftragte
Jede Kommune benennt eine Integrationsbeauftragte oder einen Integrationsbeauftragten. Sie sind
erste Ansprechpersonen vor Ort und bringen die Sicht ihrer Kommune in den Facharbeitskreis ein.

# Rolle des Kommunalen Integrationszentrums

## Verankerung
Das Kommunale Integrationszentrum ist Träger der KIM-Koordination und verbindet das KIM mit dem
Integrationskonzept des Kreises und seinen vier Handlungsfeldern: Vielfalt und Akzeptanz,
Bildung und Sprache, Gesellschaftliche Teilhabe sowie Arbeitsmarkt.

Seine Leitung ist stellvertretende Vorsitzende der Lenkungsgruppe und sorgt dafür, dass
Ergebnisse der Systemebene in die Angebote des Integrationszentrums einfließen.

# Stand der Umsetzung

## Erreichtes
Die Lenkungsgruppe hat sich konstituiert und zwei Arbeitsgruppen eingerichtet: zum Übergang in
Integrationskurse und zur Zusammenarbeit von Jobcenter und Ausländerbehörde.

Kooperationsvereinbarungen liegen für die meisten Kommunen vor, einige werden derzeit
evaluiert.

## Nächste Schritte
Im kommenden Jahr sollen die ersten Zielsysteme beschlossen und das digitale Fallmanagement
eingeführt werden. Die Schulung weiterer Case Managerinnen und Case Manager nach den Standards
der DGCC wird fortgesetzt.
"""

FAQ_SOURCE_LAND = "FAQ des Landes NRW zum Kommunalen Integrationsmanagement (Demo-Fassung)"
FAQ_SOURCE_KONZEPT = "Handlungskonzept KIM Märkischer Kreis"

FAQ = f"""
= Grundlagen und Förderung

? Was ist das Kommunale Integrationsmanagement?
Ein vom Land NRW gefördertes Programm, mit dem Kreise und kreisfreie Städte die Arbeit aller
Stellen für eingewanderte Menschen über die Rechtskreise hinweg abstimmen.
@ {FAQ_SOURCE_LAND}

? Ist die Förderung befristet?
Nein. Seit der Änderung des Teilhabe- und Integrationsgesetzes 2022 ist das KIM nach § 9 TIntG
NRW dauerhaft gefördert.
@ {FAQ_SOURCE_LAND}

? Welche Bausteine hat das KIM?
Drei: die strategische Koordination, das rechtskreisübergreifende Case Management und
zusätzliche Stellen in Ausländer- und Einbürgerungsbehörden.
@ {FAQ_SOURCE_LAND}

? Wer ist im Märkischen Kreis für das KIM zuständig?
Die KIM-Koordination im Kommunalen Integrationszentrum des Kreises in Lüdenscheid. Iserlohn hat
eine eigene Koordinationsstelle.
@ {FAQ_SOURCE_KONZEPT}

? Was muss an das Land berichtet werden?
Die Koordination meldet Kennzahlen und den Stand der Umsetzung im Landescontrolling. Die
Kommunen liefern dafür die vereinbarten Angaben zu.
@ {FAQ_SOURCE_LAND}

= Case Management

? Wer kann Case Management in Anspruch nehmen?
Eingewanderte Menschen mit komplexem Unterstützungsbedarf, bei denen mehrere Stellen aus
verschiedenen Rechtskreisen beteiligt sind.
@ {FAQ_SOURCE_KONZEPT}

? Wie werden die Case-Management-Stellen auf die Kommunen verteilt?
Nach einem Verteilungsschlüssel aus Zuwanderungs- und Asylzahlen und der Zahl der Menschen ohne
deutsche oder andere EU-Staatsangehörigkeit.
@ {FAQ_SOURCE_KONZEPT}

? Ersetzt das Case Management die Migrationsberatung?
Nein. Es ergänzt bestehende Beratung und kommt dort zum Einsatz, wo mehrere Stellen abgestimmt
handeln müssen.
@ {FAQ_SOURCE_LAND}

? Welche Qualifikation brauchen Case Managerinnen und Case Manager?
Eine Weiterbildung im Case Management nach den Standards der DGCC wird erwartet; der Kreis
bietet zertifizierte Kurse an.
@ {FAQ_SOURCE_LAND}

? Darf das Case Management Daten an andere Stellen weitergeben?
Nur mit Einwilligung der betroffenen Person oder auf gesetzlicher Grundlage. Die Arbeitshilfe
zum Datenschutz beschreibt das Vorgehen.
@ {FAQ_SOURCE_KONZEPT}

= Meldebogen und Systemebene

? Was ist eine Integrationshürde?
Ein wiederkehrendes Hindernis im Ablauf zwischen Stellen, etwa lange Wartezeiten, unklare
Zuständigkeiten oder fehlende Angebote.
@ {FAQ_SOURCE_KONZEPT}

? Dürfen im Meldebogen Namen stehen?
Nein. Der Meldebogen beschreibt eine Situation, nie eine Person: keine Namen, Geburtsdaten,
Aktenzeichen oder Adressen.
@ {FAQ_SOURCE_KONZEPT}

? Wer darf Integrationshürden melden?
Case Managerinnen und Case Manager sowie externe Partner wie Beratungsstellen, Jobcenter oder
Schulen.
@ {FAQ_SOURCE_KONZEPT}

? Was passiert mit meiner Meldung?
Die Koordination ordnet sie einem Thema zu, wählt Fälle für eine Fallrekonstruktion aus und
berichtet der Lenkungsgruppe. Sie erhalten eine Rückmeldung.
@ {FAQ_SOURCE_KONZEPT}

? Was ist eine Fallrekonstruktion?
Ein moderiertes Gespräch der beteiligten Stellen, das einen Fall nachzeichnet, um strukturelle
Ursachen einer Hürde zu finden.
@ {FAQ_SOURCE_LAND}

? Was ist ein Zielsystem?
Eine Gliederung aus Grundsatz-, Rahmen- und Ergebniszielen mit Maßnahmen, die eine
Arbeitsgruppe vorschlägt und die Lenkungsgruppe beschließt.
@ {FAQ_SOURCE_LAND}

= Aufenthalt und Einbürgerung

? Wofür sind die zusätzlichen Stellen in den Ausländerbehörden gedacht?
Für die Sicherung des Aufenthalts gut integrierter Menschen, insbesondere nach §§ 25a und 25b
AufenthG.
@ {FAQ_SOURCE_LAND}

? Welche Ausländerbehörde ist zuständig?
Für Iserlohn die Ausländerbehörde der Stadt Iserlohn, für alle anderen Kommunen die
Ausländerbehörde des Märkischen Kreises.
@ {FAQ_SOURCE_KONZEPT}

? Wo stellt man einen Antrag auf Einbürgerung?
In Iserlohn und Lüdenscheid bei der städtischen Einbürgerungsbehörde, in den übrigen Kommunen
beim Kreis.
@ {FAQ_SOURCE_KONZEPT}

= Zusammenarbeit und Gremien

? Wie oft tagt die Lenkungsgruppe?
In der Regel zweimal im Jahr. Die KIM-Koordination lädt ein und führt das Protokoll.
@ {FAQ_SOURCE_KONZEPT}

? Was regelt eine Kooperationsvereinbarung?
Die Aufgaben von Kreis und Kommune im KIM, die Einbindung des Case Managements vor Ort und den
Informationsaustausch.
@ {FAQ_SOURCE_KONZEPT}

? Wie oft werden Kooperationsvereinbarungen evaluiert?
Regelmäßig, spätestens alle zwei Jahre. Das Portal zeigt für jede Kommune den nächsten Termin.
@ {FAQ_SOURCE_KONZEPT}

? Wer vertritt meine Kommune im Facharbeitskreis Integration?
Die oder der Integrationsbeauftragte Ihrer Kommune.
@ {FAQ_SOURCE_KONZEPT}
"""
