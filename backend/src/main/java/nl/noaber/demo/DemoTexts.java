package nl.noaber.demo;

import java.util.List;
import java.util.Map;
import nl.noaber.listing.Kind;

/**
 * The words of the demo city: names as Haarlem has them (mostly Dutch, plus Turkish, Moroccan,
 * Surinamese, Polish and expat neighbours) and requests and offers as BUUV's participants wrote
 * them. Pure data; {@link DemoDataLoader} draws from it with a fixed seed.
 */
final class DemoTexts {
    private DemoTexts() {}

    /** Where a name comes from; decides the languages someone speaks. */
    enum Origin { DUTCH, TURKISH, MOROCCAN, SURINAMESE, POLISH, EXPAT }

    record Names(Origin origin, int weight, List<String> women, List<String> men, List<String> surnames) {}

    static final List<Names> NAMES = List.of(
            new Names(Origin.DUTCH, 70,
                    List.of("Anna", "Els", "Ineke", "Marieke", "Sanne", "Lotte", "Fenna", "Joke", "Truus", "Wilma",
                            "Annelies", "Margreet", "Tineke", "Gerda", "Riet", "Corrie", "Ans", "Lies", "Mieke", "Femke",
                            "Esther", "Judith", "Sophie", "Emma", "Julia", "Lisa", "Eva", "Noor", "Saskia", "Ilse",
                            "Marloes", "Petra", "Yvonne", "Hanneke", "Jolanda", "Bep", "Nel", "Willemijn", "Roos", "Floor",
                            "Tessa", "Carla", "Greet", "Astrid", "Renate"),
                    List.of("Jan", "Piet", "Kees", "Gerrit", "Wim", "Joop", "Ruud", "Bart", "Thijs", "Daan",
                            "Sem", "Lucas", "Bram", "Jeroen", "Maarten", "Sander", "Erik", "Hans", "Frank", "Rob",
                            "Koen", "Stijn", "Ruben", "Niels", "Martijn", "Dirk", "Cor", "Teun", "Jelle", "Wouter",
                            "Arjen", "Harm", "Ton", "Fred", "Herman", "Klaas", "Jaap", "Pieter", "Joris", "Mark"),
                    List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                            "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
                            "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
                            "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
                            "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
                            "Willems", "van Vliet", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "Prins",
                            "Blom", "Huisman", "Kramer", "Kuipers", "Zwart", "Groen", "Verbeek", "van Wijk", "Post",
                            "Boon", "Scholten", "Timmermans", "Kaandorp", "Schoorl", "Roozendaal", "Bosman",
                            "Zonneveld", "Koning", "van Schie", "Steenbergen", "Castricum")),
            new Names(Origin.TURKISH, 6,
                    List.of("Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice", "Esra", "Merve", "Songül", "Derya"),
                    List.of("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Murat", "Emre", "Burak", "Osman", "Kemal"),
                    List.of("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan",
                            "Doğan", "Koç", "Kılıç")),
            new Names(Origin.MOROCCAN, 8,
                    List.of("Fatima", "Khadija", "Nadia", "Samira", "Malika", "Naima", "Yasmina", "Hanane", "Soukaina",
                            "Loubna"),
                    List.of("Mohamed", "Ahmed", "Youssef", "Said", "Hassan", "Karim", "Rachid", "Mustapha", "Bilal",
                            "Driss"),
                    List.of("El Amrani", "Bouzid", "El Idrissi", "Benali", "Ait Taleb", "El Khatib", "Azzouz",
                            "Boukhari", "Ouali", "Tahiri", "El Hadji", "Ziani")),
            new Names(Origin.SURINAMESE, 6,
                    List.of("Sharmila", "Rachna", "Priya", "Marcia", "Denise", "Jennifer", "Gracia", "Shanti",
                            "Sandra", "Ilona"),
                    List.of("Ravi", "Anand", "Romano", "Clarence", "Errol", "Kenneth", "Radjesh", "Sunil", "Glenn",
                            "Iwan"),
                    List.of("Ramdin", "Sewdien", "Jagesar", "Biharie", "Pinas", "Kromodikoro", "Wijngaarde", "Held",
                            "Doelwijt", "Ramsaran", "Kartosen", "Sabajo")),
            new Names(Origin.POLISH, 5,
                    List.of("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Monika", "Małgorzata", "Aleksandra"),
                    List.of("Piotr", "Krzysztof", "Tomasz", "Paweł", "Marek", "Łukasz", "Michał", "Jakub"),
                    // Male forms; women get -ska / -cka.
                    List.of("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
                            "Szymański", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur")),
            new Names(Origin.EXPAT, 5,
                    List.of("Emily", "Sarah", "Hannah", "Olivia", "Laura", "Chloe", "Grace"),
                    List.of("James", "Daniel", "Michael", "Thomas", "Ben", "Oliver", "Ryan"),
                    List.of("Smith", "Walsh", "O'Brien", "Taylor", "Murphy", "Patel", "Harris", "Campbell", "Evans")));

    /**
     * A request or offer text. {@code when} hints at the schedule: null (any), "ONCE", or
     * "W:TUE:MORNING" / "F:..." / "M:..." (weekly, fortnightly, monthly on that day and part).
     */
    record Template(Kind kind, String category, String lang, String title, String description, String when,
                    boolean newcomer) {
        /** Only for someone still learning Dutch. */
        Template forNewcomers() {
            return new Template(kind, category, lang, title, description, when, true);
        }
    }

    private static Template r(String category, String title, String description, String when) {
        return new Template(Kind.REQUEST, category, "nl", title, description, when, false);
    }

    private static Template o(String category, String title, String description, String when) {
        return new Template(Kind.OFFER, category, "nl", title, description, when, false);
    }

    private static Template en(Kind kind, String category, String title, String description, String when) {
        return new Template(kind, category, "en", title, description, when, false);
    }

    static final List<Template> TEMPLATES = List.of(
            // Odd jobs
            r("ODD_JOBS", "Schilderij ophangen en lamp vervangen",
                    "Ik heb een paar schilderijen die al maanden tegen de muur staan en de lamp in de gang moet vervangen "
                            + "worden. Ik heb zelf geen boormachine en kan niet meer goed op een trap staan.", "ONCE"),
            r("ODD_JOBS", "Wie hangt mijn gordijnrails op?",
                    "Nieuwe gordijnrails gekocht voor de woonkamer, maar ik krijg ze er in mijn eentje niet op. "
                            + "Boor en pluggen zijn er. Koffie ook!", "ONCE"),
            r("ODD_JOBS", "Hulp bij het in elkaar zetten van een kast",
                    "De doos van de nieuwe kast staat al twee weken in de gang. Met z'n tweeën is het zo gepiept, "
                            + "alleen lukt het me niet.", "ONCE"),
            r("ODD_JOBS", "Zolder opruimen",
                    "Mijn zolder staat vol met spullen van jaren. Ik wil graag uitzoeken wat weg mag, maar ik kan niet "
                            + "zwaar tillen en de trap is steil.", null),
            o("ODD_JOBS", "Klusjes in en om het huis",
                    "Ik ben handig en heb een goed gevulde gereedschapskist. Schilderij ophangen, plankje, deurtje dat "
                            + "klemt: vraag het maar.", null),
            o("ODD_JOBS", "Handige buurman voor kleine klussen",
                    "Gepensioneerd timmerman. Ik help graag een paar uur per week met klussen in huis, liefst overdag.",
                    null),
            en(Kind.OFFER, "ODD_JOBS", "Handy neighbour for small jobs",
                    "I enjoy DIY and have a drill, a ladder and time on Saturdays. Happy to help with shelves, "
                            + "curtains or flat-pack furniture.", "W:SAT:MORNING"),
            // Small repairs
            r("SMALL_REPAIRS", "Lekkende kraan in de keuken",
                    "De kraan druppelt al weken. Waarschijnlijk moet er een nieuw leertje in, maar ik weet niet hoe dat "
                            + "moet.", "ONCE"),
            r("SMALL_REPAIRS", "Fietsband plakken",
                    "Mijn fiets staat met een lekke band in de schuur. Ik heb hem nodig om naar mijn werk te gaan en "
                            + "kan zelf niet plakken.", "ONCE"),
            r("SMALL_REPAIRS", "Deur klemt en slot hapert",
                    "De achterdeur sluit niet meer goed en het slot hapert. Ik ben bang dat ik straks niet meer naar "
                            + "binnen of buiten kan.", "ONCE"),
            o("SMALL_REPAIRS", "Fietsen repareren",
                    "Ik knutsel graag aan fietsen: banden plakken, remmen afstellen, verlichting maken. Breng hem langs "
                            + "of ik kom even kijken.", null),
            o("SMALL_REPAIRS", "Kleine reparaties aan huis en apparaten",
                    "Stekker vervangen, kraan, filter van de wasmachine: ik kijk graag even mee. Werk in de meterkast "
                            + "laat ik aan een vakman.", null),
            // Garden
            r("GARDEN", "Heg snoeien in de voortuin",
                    "De heg is me boven het hoofd gegroeid, letterlijk. Wie helpt me een middagje met snoeien? "
                            + "Het groenafval kan in de container.", "ONCE"),
            r("GARDEN", "Hulp in de tuin, ik kan niet meer bukken",
                    "Onkruid wieden en de borders bijhouden lukt me sinds mijn heupoperatie niet meer. Eens in de twee "
                            + "weken een uurtje zou geweldig zijn.", "F:FRI:MORNING"),
            r("GARDEN", "Gras maaien in de achtertuin",
                    "Ik heb een grasmaaier, maar het lukt me niet meer om hem zelf te duwen. Het is een klein tuintje.",
                    null),
            o("GARDEN", "Samen tuinieren",
                    "Ik heb zelf geen tuin maar mis het wel. Ik help graag met wieden, snoeien en planten.", null),
            o("GARDEN", "Tuinklussen op zaterdag",
                    "Op zaterdagochtend heb ik tijd om in uw tuin te helpen: maaien, snoeien, bladeren ruimen.",
                    "W:SAT:MORNING"),
            // Shopping for someone
            r("SHOPPING", "Boodschappen op dinsdag",
                    "Sinds mijn val kom ik moeilijk de deur uit. Wie doet op dinsdagochtend de boodschappen voor mij bij "
                            + "de supermarkt om de hoek? Ik geef een lijstje en geld mee.", "W:TUE:MORNING"),
            r("SHOPPING", "Even iets halen bij de apotheek",
                    "Mijn medicijnen liggen klaar bij de apotheek, maar ik ben grieperig en kan niet zelf gaan.", "ONCE"),
            r("SHOPPING", "Wekelijks een paar boodschappen",
                    "Ik woon alleen en mijn dochter woont in Tilburg. Wie doet eens per week een paar boodschappen "
                            + "voor mij en maakt meteen een praatje?", "W:THU:MORNING"),
            o("SHOPPING", "Ik neem uw boodschappen mee",
                    "Ik doe elke donderdag boodschappen. Ik neem graag iets voor u mee en breng het bij u thuis.",
                    "W:THU:AFTERNOON"),
            o("SHOPPING", "Boodschappen doen voor buren",
                    "Ik werk thuis en loop toch dagelijks naar de winkel. Als u iets nodig heeft, laat het weten.", null),
            // Shopping together
            r("SHOPPING_TOGETHER", "Samen naar de markt",
                    "Ik ga graag op zaterdag naar de markt op de Grote Markt, maar alleen durf ik het met mijn rollator "
                            + "niet meer in de drukte.", "W:SAT:MORNING"),
            r("SHOPPING_TOGETHER", "Wie gaat mee naar de winkel?",
                    "Ik wil graag zelf mijn boodschappen uitzoeken, maar de tassen dragen lukt niet meer. "
                            + "Samen gaan zou fijn zijn.", null),
            o("SHOPPING_TOGETHER", "Samen boodschappen doen met de auto",
                    "Ik heb een auto en ga wekelijks naar de supermarkt. U kunt mee; ik help met tillen en inpakken.",
                    "W:WED:MORNING"),
            // A lift
            r("LIFT", "Lift naar een verjaardag in Heemstede",
                    "Mijn zus wordt tachtig. Het feest is in Heemstede en met de bus lukt het me niet. Wie brengt me "
                            + "en haalt me weer op?", "ONCE"),
            r("LIFT", "Vervoer naar het buurthuis op woensdag",
                    "Op woensdagmiddag is er koffie in het buurthuis. Lopen lukt niet meer; wie rijdt mij heen en "
                            + "terug?", "W:WED:AFTERNOON"),
            o("LIFT", "Vervoer met de auto in Haarlem",
                    "Ik heb een ruime auto en rijd u graag naar familie, een afspraak of het buurthuis. Een opvouwbare "
                            + "rolstoel past in de kofferbak.", null),
            o("LIFT", "Ik rijd regelmatig naar Amsterdam",
                    "Twee keer per week rijd ik naar Amsterdam en terug. Er is plek voor iemand die mee wil.", null),
            // A lift to the doctor
            r("LIFT_MEDICAL", "Vervoer naar het Spaarne Gasthuis",
                    "Ik heb een afspraak bij de cardioloog in het Spaarne Gasthuis. Wie kan me brengen en weer ophalen? "
                            + "Het duurt ongeveer een uur.", "ONCE"),
            r("LIFT_MEDICAL", "Wie rijdt mij naar de fysiotherapeut?",
                    "Na mijn knieoperatie moet ik twee keer per week naar de fysio. Autorijden mag ik nog niet.",
                    "W:MON:MORNING"),
            r("LIFT_MEDICAL", "Lift naar de tandarts",
                    "Ik moet een kies laten trekken en mag daarna zelf niet fietsen. Wie brengt me en haalt me op?",
                    "ONCE"),
            o("LIFT_MEDICAL", "Rijden naar ziekenhuis of huisarts",
                    "Ik ben overdag vaak vrij en rijd u graag naar een afspraak. Ik wacht ook even als het niet te lang "
                            + "duurt.", null),
            // Company
            r("COMPANY", "Wie komt er eens op de koffie?",
                    "Sinds mijn partner is overleden is het stil in huis. Ik zou het fijn vinden als iemand eens per week "
                            + "een kopje koffie komt drinken.", "W:WED:MORNING"),
            r("COMPANY", "Een praatje en een spelletje",
                    "Ik houd van klaverjassen en rummikub, maar heb niemand meer om mee te spelen. Wie komt er af en toe "
                            + "langs?", null),
            r("COMPANY", "Samen wandelen in de Haarlemmerhout",
                    "Alleen wandelen vind ik niet leuk en niet meer veilig. Wie loopt er eens per week een rustig rondje "
                            + "met me?", "W:SUN:AFTERNOON"),
            o("COMPANY", "Gezelligheid en een luisterend oor",
                    "Ik kom graag op bezoek voor een kop koffie, een spelletje of een wandeling.", null),
            o("COMPANY", "Voorlezen en samen de krant lezen",
                    "Slechtziend en toch bij willen blijven? Ik lees graag de krant of een boek met u.", null),
            en(Kind.REQUEST, "COMPANY", "Company for a walk and a chat",
                    "I moved here recently and don't know many people yet. I'd love to walk around the neighbourhood "
                            + "with someone and have a chat, in English or simple Dutch.", null),
            // Dogs and pets
            r("DOG_WALKING", "Samen wandelen met de hond",
                    "Mijn hond heeft meer beweging nodig dan ik hem kan geven. Wie loopt er eens per week een rondje mee "
                            + "door het park?", null),
            r("DOG_WALKING", "Hond uitlaten tijdens mijn ziekenhuisopname",
                    "Ik word een paar dagen opgenomen. Wie laat mijn hond (een rustige labrador) twee keer per dag uit?",
                    "ONCE"),
            r("DOG_WALKING", "Wie laat 's avonds mijn hond uit?",
                    "In het donker durf ik niet meer goed naar buiten. Het laatste rondje van de dag zou al helpen.",
                    "W:MON:EVENING"),
            o("DOG_WALKING", "Hondenuitlater in de buurt",
                    "Ik ben gek op honden maar heb er zelf geen. Ik loop graag een rondje met die van u.", null),
            r("PET_MINDING", "Katten voeren tijdens de vakantie",
                    "Ik ga een week naar mijn dochter. Wie geeft mijn twee katten eten en maakt de kattenbak schoon?",
                    "ONCE"),
            r("PET_MINDING", "Wie zorgt voor mijn konijnen?",
                    "Tijdens mijn revalidatie kan ik niet voor mijn twee konijnen zorgen. Voeren en het hok verschonen.",
                    null),
            o("PET_MINDING", "Oppassen op huisdieren",
                    "Katten, konijnen, vissen of een hond: ik pas graag op als u weg bent.", null),
            // Children
            r("CHILD_MINDING", "Oppas voor woensdagmiddag",
                    "Ik ben alleenstaande ouder van twee kinderen (5 en 8). Op woensdagmiddag moet ik werken; wie haalt "
                            + "ze uit school en past een paar uur op?", "W:WED:AFTERNOON"),
            r("CHILD_MINDING", "Oppas voor één avond",
                    "We hebben een ouderavond op school en geen oppas voor onze jongste (3).", "ONCE"),
            o("CHILD_MINDING", "Oppas in de buurt",
                    "Mijn eigen kleinkinderen wonen ver weg. Ik pas graag af en toe op, overdag of 's avonds.", null),
            // Computer and phone
            r("COMPUTER_HELP", "Hulp bij DigiD",
                    "Ik moet inloggen bij de gemeente en de Belastingdienst, maar ik snap niets van DigiD en die app. "
                            + "Wie helpt me het in te stellen?", "ONCE"),
            r("COMPUTER_HELP", "Videobellen met mijn kleinkinderen",
                    "Mijn kleinkinderen wonen in Canada. Ik heb een tablet gekregen maar weet niet hoe ik moet "
                            + "videobellen.", "ONCE"),
            r("COMPUTER_HELP", "Nieuwe telefoon instellen",
                    "Ik heb een nieuwe smartphone. Wie helpt me mijn contacten, foto's en WhatsApp over te zetten?",
                    "ONCE"),
            r("COMPUTER_HELP", "Uitleg over internetbankieren",
                    "Mijn bank stopt met papieren overschrijvingen. Wie legt me rustig uit hoe ik zelf betalingen "
                            + "doe?", null),
            o("COMPUTER_HELP", "Hulp bij computer, tablet en telefoon",
                    "Vastgelopen met de computer? Ik help u geduldig, bij u thuis of in de bibliotheek.", null),
            o("COMPUTER_HELP", "Uitleg over WhatsApp en videobellen",
                    "Ik leg graag uit hoe u met familie kunt appen en videobellen. Geen vraag is te simpel.", null),
            en(Kind.OFFER, "COMPUTER_HELP", "Help with laptops and smartphones",
                    "I work in IT and am happy to help neighbours with a slow laptop, a new phone or setting up e-mail. "
                            + "I speak English and a bit of Dutch.", "W:TUE:EVENING"),
            // Paperwork
            r("PAPERWORK", "Hulp met formulieren van de gemeente",
                    "Ik moet een formulier invullen voor bijzondere bijstand en kom er niet uit. Wie helpt me?",
                    "ONCE"),
            r("PAPERWORK", "Brieven van de Belastingdienst begrijpen",
                    "Ik krijg brieven die ik niet goed begrijp. Wie wil ze samen met mij doorlezen en uitleggen wat ik "
                            + "moet doen?", "M:MON:AFTERNOON"),
            r("PAPERWORK", "Toeslagen aanvragen",
                    "Ik denk dat ik recht heb op huurtoeslag, maar de aanvraag is ingewikkeld.", "ONCE"),
            o("PAPERWORK", "Hulp bij administratie en formulieren",
                    "Ik was boekhouder. Ik help met het ordenen van papieren, formulieren invullen en de "
                            + "belastingaangifte.", null),
            // Language
            r("LANGUAGE_PRACTICE", "Wie oefent Nederlands met mij?",
                    "Ik woon twee jaar in Haarlem en volg een taalcursus. Ik wil graag meer praten met Nederlanders, "
                            + "bijvoorbeeld tijdens een wandeling.", null).forNewcomers(),
            en(Kind.REQUEST, "LANGUAGE_PRACTICE", "Looking for someone to practise Dutch with",
                    "I moved to Haarlem for work last year. My Dutch lessons are going well but I need to speak more. "
                            + "Coffee is on me!", null).forNewcomers(),
            o("LANGUAGE_PRACTICE", "Taalmaatje: samen Nederlands praten",
                    "Ik ben gepensioneerd docent en vind het leuk om met nieuwe Haarlemmers Nederlands te oefenen, "
                            + "gewoon tijdens een kop koffie.", null),
            r("LANGUAGE_LESSONS", "Hulp bij leren lezen en schrijven",
                    "Ik kan niet goed lezen en schrijven en schaam me daarvoor. Ik wil het graag rustig leren, thuis.",
                    null),
            r("LANGUAGE_LESSONS", "Bijles Nederlands voor de inburgering",
                    "Over drie maanden heb ik mijn inburgeringsexamen. Wie helpt me met lezen en schrijven?", null)
                    .forNewcomers(),
            o("LANGUAGE_LESSONS", "Taalles Nederlands voor beginners",
                    "Ik geef graag les aan mensen die net beginnen met Nederlands, één op één en in uw tempo.", null),
            en(Kind.OFFER, "LANGUAGE_LESSONS", "English conversation lessons",
                    "Native speaker, happy to help children or adults with their English homework or conversation.",
                    null),
            // Cooking and meals
            r("COOKING", "Samen koken en eten",
                    "Ik eet bijna altijd alleen. Ik zou het leuk vinden om af en toe met iemand samen te koken en te "
                            + "eten.", null),
            o("COOKING", "Schuif aan bij de buurtmaaltijd",
                    "Ik kook graag, en voor vier is net zo makkelijk als voor één. Eén keer per maand kook ik voor "
                            + "buren die het gezellig vinden.", "M:SUN:EVENING"),
            o("COOKING", "Samen koken en recepten uitwisselen",
                    "Ik kook graag en leer graag nieuwe recepten, van stamppot tot roti. Samen koken en eten?",
                    null),
            r("MEAL_PREPARATION", "Warme maaltijd na mijn operatie",
                    "Na mijn operatie mag ik zes weken niet lang staan. Wie kookt er een paar keer een pan soep of "
                            + "stamppot voor mij?", null),
            o("MEAL_PREPARATION", "Ik kook een extra portie",
                    "Ik kook toch al elke dag; een extra portie voor een buurtgenoot is zo gedaan.", null),
            // Laundry
            r("LAUNDRY", "Wie hangt mijn zware was op?",
                    "Beddengoed en grote handdoeken ophangen lukt me niet meer. Wie komt af en toe even helpen?",
                    "W:SAT:MORNING"),
            r("LAUNDRY", "Hulp met de was",
                    "Mijn wasmachine staat in de kelder en de trap is te steil voor mij.", null),
            o("LAUNDRY", "Hulp bij de was en strijken",
                    "Ik help graag met wassen, ophangen en strijken, een keer per week of als het nodig is.", null),
            // Moving things
            r("MOVING_THINGS", "Bank naar de tweede verdieping sjouwen",
                    "Ik heb een tweedehands bank gekocht, maar hij moet twee trappen op. Wie helpt met sjouwen?",
                    "ONCE"),
            r("MOVING_THINGS", "Hulp bij verhuizing naar een kleinere woning",
                    "Ik verhuis naar een seniorenwoning. Dozen inpakken en spullen naar de nieuwe woning brengen.",
                    "ONCE"),
            r("MOVING_THINGS", "Spullen naar de kringloop brengen",
                    "Ik heb een paar dozen en een kastje voor de kringloop, maar geen auto.", "ONCE"),
            o("MOVING_THINGS", "Sterke armen en een bakfiets",
                    "Ik heb een bakfiets en help graag met sjouwen en spullen wegbrengen.", null),
            // Carers and buddies
            r("CARER_RESPITE", "Een middag vrij als mantelzorger",
                    "Ik zorg voor mijn partner met dementie. Eén middag per week iemand bij ons thuis, zodat ik even naar buiten "
                            + "kan, zou veel betekenen.", "W:THU:AFTERNOON"),
            o("CARER_RESPITE", "Mantelzorger even ontlasten",
                    "Ik was zelf jaren mantelzorger en weet hoe zwaar het is. Ik neem graag een middag de zorg over.",
                    null),
            r("BUDDY", "Maatje gezocht om weer onder de mensen te komen",
                    "Ik ben lang ziek geweest en kom weinig buiten. Ik zoek een maatje om samen dingen te ondernemen.",
                    null),
            o("BUDDY", "Maatje voor wandelen en praten",
                    "Ik ben een goede luisteraar en ga graag samen op pad: een wandeling, een museum, een terrasje.",
                    null),
            // Beyond neighbourly help: a makelaar refers these on
            r("HOUSEKEEPING", "Hulp bij het schoonmaken van mijn huis",
                    "Ik krijg het huishouden niet meer bijgehouden. Iemand die elke week komt schoonmaken zou fijn zijn.",
                    "W:MON:MORNING"),
            r("HOUSEKEEPING", "Ramen lappen en stofzuigen",
                    "Sinds mijn beroerte lukt het stofzuigen en ramen lappen niet meer.", null),
            o("HOUSEKEEPING", "Eenmalig helpen met een grote schoonmaak",
                    "Voor een verhuizing of een flinke voorjaarsschoonmaak steek ik graag een dag de handen uit de "
                            + "mouwen.", "ONCE"),
            // Something else
            r("OTHER", "Post en planten tijdens mijn vakantie",
                    "Ik ben drie weken weg. Wie haalt de post uit de bus en geeft de planten water?", "ONCE"),
            o("OTHER", "Zingen en muziek maken",
                    "Ik speel gitaar en kom graag een middag samen zingen, thuis of in het verzorgingshuis.", null),
            o("OTHER", "Haren knippen aan huis",
                    "Ik was kapper en knip nog graag, bij mensen die zelf moeilijk naar de kapper kunnen.", null));

    /** How often each category is asked for: errands, lifts, company and forms lead, as at BUUV. */
    static final Map<String, Integer> REQUEST_WEIGHTS = Map.ofEntries(
            Map.entry("ODD_JOBS", 10), Map.entry("SMALL_REPAIRS", 6), Map.entry("GARDEN", 7),
            Map.entry("SHOPPING", 12), Map.entry("SHOPPING_TOGETHER", 5), Map.entry("LIFT", 6),
            Map.entry("LIFT_MEDICAL", 10), Map.entry("COMPANY", 10), Map.entry("DOG_WALKING", 4),
            Map.entry("PET_MINDING", 2), Map.entry("CHILD_MINDING", 3), Map.entry("COMPUTER_HELP", 10),
            Map.entry("PAPERWORK", 8), Map.entry("LANGUAGE_PRACTICE", 4), Map.entry("LANGUAGE_LESSONS", 2),
            Map.entry("COOKING", 2), Map.entry("MEAL_PREPARATION", 3), Map.entry("LAUNDRY", 3),
            Map.entry("MOVING_THINGS", 5), Map.entry("CARER_RESPITE", 3), Map.entry("BUDDY", 3),
            Map.entry("HOUSEKEEPING", 3), Map.entry("OTHER", 2));

    /** What neighbours say they can do: more computer help and dog walking than lifts to hospital. */
    static final Map<String, Integer> SKILL_WEIGHTS = Map.ofEntries(
            Map.entry("ODD_JOBS", 10), Map.entry("SMALL_REPAIRS", 6), Map.entry("GARDEN", 7),
            Map.entry("SHOPPING", 9), Map.entry("SHOPPING_TOGETHER", 4), Map.entry("LIFT", 5),
            Map.entry("LIFT_MEDICAL", 3), Map.entry("COMPANY", 9), Map.entry("DOG_WALKING", 8),
            Map.entry("PET_MINDING", 5), Map.entry("CHILD_MINDING", 4), Map.entry("COMPUTER_HELP", 10),
            Map.entry("PAPERWORK", 4), Map.entry("LANGUAGE_PRACTICE", 5), Map.entry("LANGUAGE_LESSONS", 2),
            Map.entry("COOKING", 5), Map.entry("MEAL_PREPARATION", 3), Map.entry("LAUNDRY", 2),
            Map.entry("MOVING_THINGS", 6), Map.entry("CARER_RESPITE", 2), Map.entry("BUDDY", 4),
            Map.entry("HOUSEKEEPING", 1), Map.entry("OTHER", 3));

    /** Added to descriptions of listings a makelaar entered for someone without a computer. */
    static final List<String> VIA_MAKELAAR = List.of(
            "Ingevoerd door de sociaal makelaar na een telefoongesprek.",
            "Aangemeld via de sociaal makelaar; bereikbaar per telefoon.",
            "Opgenomen tijdens het spreekuur in het buurthuis. Contact via de sociaal makelaar.");

    // --- Seed 001: Mr de Haas, in a wheelchair, asks for back-up and offers computer help;
    // Mrs de Lange, new in town and a few houses away, offers to help him.

    static final Template DE_HAAS_ERRANDS = r("SHOPPING", "Achtervang voor onverwachte boodschappen",
            "Ik zit buiten de deur in een rolstoel. Onze boodschappen laten we bezorgen, maar soms ben ik iets vergeten "
                    + "en dan is het een hele toer om naar de winkel te gaan. Een buurman valt soms in, maar die is niet "
                    + "altijd thuis. Wie wil mijn achtervang zijn voor een onverwachte boodschap?", null);
    static final Template DE_HAAS_LAUNDRY = r("LAUNDRY", "Wie hangt mijn zware was op?",
            "Grote dingen zoals beddengoed ophangen lukt me vanuit mijn rolstoel bijna niet. En soms ligt er iets op "
                    + "een plek waar ik niet bij kan. Een paar minuten hulp, zo nu en dan, maakt voor mij een wereld van "
                    + "verschil.", "W:SAT:MORNING");
    static final Template DE_HAAS_COMPUTER = o("COMPUTER_HELP", "Hulp bij computerprogramma's",
            "Ik ben goed met computers: tekstverwerker, spreadsheets, e-mail, foto's, een nieuwe laptop instellen. "
                    + "Vastgelopen? Ik help graag, bij mij thuis (rolstoeltoegankelijk) of via de telefoon. Het is fijn "
                    + "om ook iets terug te kunnen doen.", "W:TUE:AFTERNOON");
    static final Template DE_LANGE_JOBS = o("ODD_JOBS", "Nieuw in Haarlem: ik help graag met klusjes",
            "Ik woon sinds kort in Haarlem en ken nog niet veel mensen in de buurt. Ik help graag met allerlei klusjes, "
                    + "een boodschap of de was: zo leer ik mijn buren kennen.", null);
    // The well-known demo resident.
    static final Template ELS_GARDEN = r("GARDEN", "Hulp bij het snoeien van de heg",
            "Mijn heg langs het tuinpad is veel te hoog geworden en ik heb geen hoge ladder. Wie helpt me een "
                    + "zaterdagochtend? Ik zorg voor koffie en appeltaart.", "ONCE");
    static final Template ELS_COOKING = o("COOKING", "Samen koken op donderdagavond",
            "Ik kook graag en voor twee is net zo makkelijk als voor één. Schuif aan op donderdagavond, of we koken "
                    + "samen bij u thuis.", "W:THU:EVENING");
}
