"""Parallel sentence templates and fictional names for :mod:`translaudit.strategies`.

Every template says the same thing in each language, with the same placeholders, so a
document drawn once can be rendered in any of them: that rendering is the deterministic
reference translation the strategies and the corruption benchmark use. All names are
invented; all sentences were written for this project.

Placeholders: ``P``/``P2`` a person, ``C``/``C2`` a place, ``O`` an organisation, ``A`` an
acronym, ``N``/``N2`` a count, ``D`` a decimal quantity, ``PCT`` a percentage, ``EUR``/``USD``
an amount of money, ``DATE`` a date, ``YEAR`` a year.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACRONYMS",
    "FIRST_NAMES",
    "LANGUAGES",
    "ORG_HEADS",
    "ORG_TAILS",
    "PLACES",
    "SURNAMES",
    "TEMPLATES",
]

LANGUAGES: Final[tuple[str, ...]] = ("en", "de", "fr", "pl")

# (en, de, fr, pl)
TEMPLATES: Final[tuple[tuple[str, str, str, str], ...]] = (
    (
        "{O} will hire {N} new staff in {C} by {YEAR}.",
        "{O} wird bis {YEAR} in {C} {N} neue Mitarbeiter einstellen.",
        "{O} embauchera {N} nouveaux salariés à {C} d'ici {YEAR}.",
        "{O} zatrudni do {YEAR} roku {N} nowych pracowników w {C}.",
    ),
    (
        "The ferry to {C} carried {PCT} more passengers on {DATE}.",
        "Die Fähre nach {C} beförderte am {DATE} {PCT} mehr Fahrgäste.",
        "Le ferry pour {C} a transporté {PCT} de passagers en plus le {DATE}.",
        "Prom do {C} przewiózł {DATE} o {PCT} więcej pasażerów.",
    ),
    (
        "Prices at {O} rose to {EUR} last year.",
        "Die Preise bei {O} stiegen im vergangenen Jahr auf {EUR}.",
        "Les prix chez {O} ont atteint {EUR} l'an dernier.",
        "Ceny w {O} wzrosły w zeszłym roku do {EUR}.",
    ),
    (
        "{P} said the bridge would reopen in {YEAR}.",
        "{P} sagte, die Brücke werde {YEAR} wieder öffnen.",
        "{P} a déclaré que le pont rouvrirait en {YEAR}.",
        "{P} zapowiada, że most zostanie ponownie otwarty w {YEAR} roku.",
    ),
    (
        "The council of {C} approved a budget of {EUR} on {DATE}.",
        "Der Rat von {C} genehmigte am {DATE} einen Haushalt von {EUR}.",
        "Le conseil de {C} a approuvé un budget de {EUR} le {DATE}.",
        "Rada {C} zatwierdziła {DATE} budżet w wysokości {EUR}.",
    ),
    (
        "Unemployment in {C} fell to {PCT} in {YEAR}.",
        "Die Arbeitslosigkeit in {C} sank {YEAR} auf {PCT}.",
        "Le chômage à {C} est tombé à {PCT} en {YEAR}.",
        "Bezrobocie w {C} spadło w {YEAR} roku do {PCT}.",
    ),
    (
        "{A} inspectors checked {N} lorries at the border.",
        "Inspektoren der {A} kontrollierten {N} Lastwagen an der Grenze.",
        "Les inspecteurs de la {A} ont contrôlé {N} camions à la frontière.",
        "Inspektorzy {A} skontrolowali {N} ciężarówek na granicy.",
    ),
    (
        "The new line between {C} and {C2} is {D} kilometres long.",
        "Die neue Strecke zwischen {C} und {C2} ist {D} Kilometer lang.",
        "La nouvelle ligne entre {C} et {C2} mesure {D} kilomètres.",
        "Nowa linia między {C} a {C2} ma {D} kilometra długości.",
    ),
    (
        "{P} has led {O} since {YEAR}.",
        "{P} leitet {O} seit {YEAR}.",
        "{P} dirige {O} depuis {YEAR}.",
        "{P} kieruje {O} od {YEAR} roku.",
    ),
    (
        "About {N} people attended the festival in {C}.",
        "Rund {N} Menschen besuchten das Festival in {C}.",
        "Environ {N} personnes ont assisté au festival de {C}.",
        "W festiwalu w {C} wzięło udział około {N} osób.",
    ),
    (
        "{O} reported a quarterly profit of {USD}.",
        "{O} meldete einen Quartalsgewinn von {USD}.",
        "{O} a annoncé un bénéfice trimestriel de {USD}.",
        "{O} odnotowała kwartalny zysk w wysokości {USD}.",
    ),
    (
        "The harbour in {C} will close for repairs on {DATE}.",
        "Der Hafen in {C} wird am {DATE} für Reparaturen geschlossen.",
        "Le port de {C} fermera pour travaux le {DATE}.",
        "Port w {C} zostanie zamknięty z powodu remontu {DATE}.",
    ),
    (
        "According to {A}, {PCT} of households now recycle their waste.",
        "Laut {A} trennen inzwischen {PCT} der Haushalte ihren Müll.",
        "Selon {A}, {PCT} des ménages trient désormais leurs déchets.",
        "Według {A} już {PCT} gospodarstw domowych segreguje odpady.",
    ),
    (
        "{P} and {P2} signed the agreement in {C}.",
        "{P} und {P2} unterzeichneten das Abkommen in {C}.",
        "{P} et {P2} ont signé l'accord à {C}.",
        "{P} i {P2} podpisali porozumienie w {C}.",
    ),
    (
        "Tickets for the concert cost {EUR} each.",
        "Die Karten für das Konzert kosten jeweils {EUR}.",
        "Les billets pour le concert coûtent {EUR} chacun.",
        "Bilety na koncert kosztują po {EUR}.",
    ),
    (
        "The museum in {C} received {N} visitors in {YEAR}.",
        "Das Museum in {C} zählte im Jahr {YEAR} insgesamt {N} Besucher.",
        "Le musée de {C} a accueilli {N} visiteurs en {YEAR}.",
        "Muzeum w {C} odwiedziło w {YEAR} roku {N} osób.",
    ),
    (
        "The school in {C} has {N} pupils and {N2} teachers.",
        "Die Schule in {C} hat {N} Schüler und {N2} Lehrer.",
        "L'école de {C} compte {N} élèves et {N2} enseignants.",
        "Szkoła w {C} ma {N} uczniów i {N2} nauczycieli.",
    ),
    (
        "{O} opened a new office in {C} on {DATE}.",
        "{O} eröffnete am {DATE} ein neues Büro in {C}.",
        "{O} a ouvert un nouveau bureau à {C} le {DATE}.",
        "{O} otworzyła {DATE} nowe biuro w {C}.",
    ),
    (
        "The average rent in {C} is now {EUR} a month.",
        "Die durchschnittliche Miete in {C} beträgt jetzt {EUR} im Monat.",
        "Le loyer moyen à {C} atteint désormais {EUR} par mois.",
        "Średni czynsz w {C} wynosi obecnie {EUR} miesięcznie.",
    ),
    (
        "The team from {C} won the race in {D} hours.",
        "Das Team aus {C} gewann das Rennen in {D} Stunden.",
        "L'équipe de {C} a remporté la course en {D} heures.",
        "Drużyna z {C} wygrała wyścig z czasem {D} godziny.",
    ),
    (
        "Exports to {C} grew by {PCT} last year, a spokesperson for {O} said.",
        "Die Exporte nach {C} stiegen im vergangenen Jahr um {PCT}, sagte ein Sprecher von {O}.",
        "Les exportations vers {C} ont augmenté de {PCT} l'an dernier, a indiqué un porte-parole "
        "de {O}.",
        "Eksport do {C} wzrósł w zeszłym roku o {PCT}, poinformował rzecznik {O}.",
    ),
    (
        "{P} has headed {A} since {DATE}.",
        "{P} leitet seit dem {DATE} die {A}.",
        "{P} dirige la {A} depuis le {DATE}.",
        "Od {DATE} funkcję szefa {A} pełni {P}.",
    ),
    (
        "A storm damaged {N} homes near {C} overnight.",
        "Ein Sturm beschädigte in der Nacht {N} Häuser bei {C}.",
        "Une tempête a endommagé {N} maisons près de {C} pendant la nuit.",
        "Burza uszkodziła w nocy {N} domów w pobliżu {C}.",
    ),
    (
        "The water level at {C} rose by {D} metres.",
        "Der Wasserstand bei {C} stieg um {D} Meter.",
        "Le niveau de l'eau à {C} a monté de {D} mètres.",
        "Poziom wody w {C} podniósł się o {D} metra.",
    ),
    (
        "{O} and {A} agreed to share data from {YEAR}.",
        "{O} und {A} vereinbarten, ab {YEAR} Daten auszutauschen.",
        "{O} et {A} ont convenu de partager des données à partir de {YEAR}.",
        "{O} i {A} uzgodniły wymianę danych od {YEAR} roku.",
    ),
    (
        "The weather stayed calm for most of the week.",
        "Das Wetter blieb die meiste Zeit der Woche ruhig.",
        "Le temps est resté calme pendant la majeure partie de la semaine.",
        "Przez większą część tygodnia pogoda była spokojna.",
    ),
    (
        "Residents have asked for more frequent buses and safer crossings.",
        "Die Anwohner fordern häufigere Busse und sicherere Übergänge.",
        "Les habitants réclament des bus plus fréquents et des passages plus sûrs.",
        "Mieszkańcy domagają się częstszych autobusów i bezpieczniejszych przejść.",
    ),
    (
        "Volunteers planted new trees along the river on Saturday morning.",
        "Freiwillige pflanzten am Samstagmorgen neue Bäume am Fluss.",
        "Des bénévoles ont planté de nouveaux arbres le long de la rivière samedi matin.",
        "W sobotę rano wolontariusze posadzili nowe drzewa wzdłuż rzeki.",
    ),
)

# Invented surnames, places, organisations and acronyms (checked against nothing real on
# purpose: a test must not depend on a name being famous).
FIRST_NAMES: Final[tuple[str, ...]] = (
    "Marta",
    "Oskar",
    "Ilona",
    "Teodor",
    "Agnes",
    "Halvard",
    "Liesel",
    "Bruno",
    "Odile",
    "Jonas",
)
SURNAMES: Final[tuple[str, ...]] = (
    "Dravnik",
    "Ostermoor",
    "Kellaway",
    "Vantrell",
    "Morcombe",
    "Quellmann",
    "Fenwright",
    "Brisante",
    "Szalenko",
    "Tarrowin",
    "Lindqvarn",
    "Okarobi",
)
PLACES: Final[tuple[str, ...]] = (
    "Marrowby",
    "Kestrelholm",
    "Vildova",
    "Brannock",
    "Tolvik",
    "Ostrevo",
    "Quenmore",
    "Dunmarsh",
    "Varnholt",
    "Eskerby",
)
ORG_HEADS: Final[tuple[str, ...]] = ("Northgate", "Halvane", "Corvane", "Eastmere", "Tallisk")
ORG_TAILS: Final[tuple[str, ...]] = ("Shipping", "Rail", "Energy", "Foods", "Logistics")
ACRONYMS: Final[tuple[str, ...]] = ("KVTA", "NCFA", "BRTC", "PLMO", "GSVR", "TAEK", "DWOR")
