"""Contributions fictives en français : un observatoire régional, un réseau d’écoles et un collectif de parents."""

from __future__ import annotations

from inputdesk.demo.document import H, P, UL, DemoDocument


def observatoire_regional() -> DemoDocument:
    return DemoDocument(
        title="Contribution de l’Observatoire francophone des droits de l’enfant en ligne (OFDEL)",
        subtitle="Réponse à l’appel à contributions de la Rapporteuse spéciale sur la vente et l’exploitation "
        "sexuelle d’enfants - technologies numériques et intelligence artificielle générative",
        language="fr",
        author="Observatoire francophone des droits de l’enfant en ligne",
        blocks=(
            H("Présentation"),
            P("""L’Observatoire francophone des droits de l’enfant en ligne est une organisation régionale qui
            réunit des institutions publiques, des universités et des associations de quatorze pays d’Afrique de
            l’Ouest et centrale. Il accompagne les États dans la mise en œuvre de la Convention relative aux droits
            de l’enfant et de son Protocole facultatif concernant la vente d’enfants, la prostitution des enfants et
            la pornographie mettant en scène des enfants, et produit chaque année un état des lieux régional."""),
            H("Les formes d’exploitation observées"),
            P("""L’accès à Internet dans la région se fait très majoritairement par le téléphone mobile, souvent
            partagé au sein de la famille. Les signalements recueillis par nos membres font apparaître trois
            tendances. D’abord, la sollicitation d’enfants à des fins sexuelles sur les réseaux sociaux et les
            messageries, par des adultes qui se présentent comme des camarades ou comme des recruteurs proposant un
            emploi ou une bourse d’études. Ensuite, le chantage à caractère sexuel, dont sont victimes des
            adolescentes comme des adolescents, parfois suivi d’une demande de paiement par transfert d’argent mobile.
            Enfin, depuis 2023, des montages réalisés au moyen d’outils d’intelligence artificielle, qui circulent
            dans les établissements scolaires et exposent les jeunes filles à l’humiliation et à l’exclusion."""),
            H("Les lacunes qui persistent"),
            P("""La plupart des États de la région ont ratifié les instruments internationaux pertinents, mais leur
            transposition reste incomplète. Plusieurs codes pénaux ne visent pas expressément la sollicitation en
            ligne ni les contenus générés artificiellement. Les unités spécialisées de police, lorsqu’elles existent,
            sont concentrées dans les capitales et manquent d’équipements d’investigation numérique. Les demandes de
            données adressées aux grandes plateformes restent souvent sans réponse, faute de point de contact
            identifié ou de procédure adaptée aux autorités de pays qui ne sont pas parties à la Convention de
            Budapest."""),
            P("""Les services d’écoute et d’accompagnement des enfants sont rares, peu connus et rarement gratuits.
            Les familles craignent la stigmatisation et préfèrent régler les situations « à l’amiable », ce qui
            laisse les auteurs impunis et les enfants sans soutien."""),
            H("Nos recommandations"),
            P("""L’Observatoire invite la Rapporteuse spéciale à retenir les recommandations suivantes :"""),
            UL(
                """Les États devraient incriminer expressément la sollicitation d’enfants en ligne et les contenus
                d’abus sexuels générés ou modifiés par l’intelligence artificielle, en s’inspirant de la Convention
                de Lanzarote du Conseil de l’Europe, ouverte à l’adhésion d’États non membres.""",
                """Les États devraient créer ou renforcer des lignes de signalement nationales et les relier aux
                services de protection de l’enfance, afin que chaque signalement débouche sur un accompagnement.""",
                """Les entreprises technologiques devraient désigner, pour chaque pays où leurs services sont
                utilisés, un point de contact capable de traiter en français les demandes des autorités et les
                signalements des familles.""",
                """Les fournisseurs de services en ligne devraient adapter leurs outils de signalement et leurs
                messages de prévention aux langues nationales et aux téléphones d’entrée de gamme.""",
                """Les partenaires techniques et financiers devraient soutenir la formation des magistrats, des
                enquêteurs et des travailleurs sociaux, en privilégiant des formations conjointes.""",
            ),
            H("La participation des enfants"),
            P("""En 2023, l’Observatoire a organisé dans six pays des ateliers avec des clubs d’enfants et des
            parlements des jeunes. Les enfants ont demandé que la prévention parle aussi aux parents, qu’elle ne se
            limite pas aux interdits et qu’elle soit diffusée à la radio communautaire, qui reste le média le plus
            écouté dans les zones rurales. Leurs propositions ont été présentées aux ministres en charge de
            l’enfance lors de notre conférence régionale."""),
            H("Pour une coordination internationale inclusive"),
            P("""L’Observatoire soutient la création d’un mécanisme mondial de coordination entre États, entreprises
            et société civile. Pour qu’il profite réellement aux enfants de notre région, ce mécanisme devrait
            fonctionner en plusieurs langues, dont le français, prévoir un appui technique aux pays dont les capacités
            sont limitées et associer les organisations régionales à la définition des priorités. L’harmonisation
            minimale des législations ne doit pas se faire au détriment de la protection des données personnelles
            des enfants, qui reste faible dans de nombreux pays."""),
            P("""Contact : Aminata Diallo-Ferrand, secrétaire exécutive, secretariat@ofdel.example.org"""),
        ),
    )


def reseau_ecoles_donnees_personnelles() -> DemoDocument:
    """Contient des données personnelles fictives (courriel, téléphone, âge d’un enfant) pour la démonstration
    de la caviardage."""
    return DemoDocument(
        title="Contribution du Réseau des établissements scolaires du Val-Clair",
        subtitle="Note rédigée par l’équipe de coordination « Numérique et protection »",
        language="fr",
        author="Réseau des établissements scolaires du Val-Clair",
        blocks=(
            H("Qui sommes-nous ?"),
            P("""Le Réseau des établissements scolaires du Val-Clair regroupe onze collèges et lycées publics et
            privés d’un même bassin d’éducation, soit environ 7 800 élèves. Depuis 2021, une équipe de coordination
            composée d’enseignants, de conseillers principaux d’éducation et d’infirmières scolaires traite les
            incidents liés au numérique et organise la prévention auprès des élèves et des familles."""),
            H("Ce que nous constatons dans les établissements"),
            P("""Les incidents signalés à l’équipe ont plus que doublé en deux ans. Il s’agit surtout de photos
            intimes partagées sans consentement entre élèves, de faux profils qui contactent des collégiens sur les
            réseaux sociaux, et, depuis l’an dernier, de photomontages réalisés avec des applications d’intelligence
            artificielle à partir de photos de classe."""),
            P("""Un exemple illustre nos difficultés. Au printemps 2023, une fille de 13 ans, élève de quatrième, a
            été contactée par un inconnu qui se faisait passer pour un élève d’un autre collège. Après plusieurs
            semaines d’échanges, il a exigé des photos et menacé de diffuser des captures d’écran de leurs
            conversations. L’élève s’est confiée à son professeur principal. L’établissement a prévenu la famille et
            la police, et la plateforme a fermé le compte, mais il a fallu près de trois semaines pour obtenir une
            réponse de sa part. Entre-temps, l’élève ne venait plus en cours."""),
            H("Les obstacles"),
            P("""Les enseignants ne sont pas formés à recueillir la parole d’un enfant dans ces situations et
            craignent de mal faire. Les procédures varient d’un établissement à l’autre. Les familles, elles, ont
            souvent honte et hésitent à porter plainte. Enfin, les plateformes ne répondent pas aux établissements
            scolaires, qui ne sont ni des autorités ni des utilisateurs du service."""),
            H("Nos propositions"),
            UL(
                """Les États devraient inscrire l’éducation à la vie affective et au numérique dans les programmes,
                avec des heures dédiées et des enseignants formés.""",
                """Les plateformes devraient offrir un canal de signalement prioritaire aux établissements scolaires
                et aux services de protection de l’enfance, avec une réponse sous 48 heures.""",
                """Les éditeurs d’applications d’intelligence artificielle doivent empêcher la création d’images
                dénudées à partir de photos de personnes réelles.""",
                """Les autorités devraient mettre à disposition des écoles un protocole national simple, indiquant
                qui prévenir et dans quel ordre.""",
            ),
            H("Associer les élèves"),
            P("""Nos délégués de classe ont conçu en 2023 une campagne d’affiches sur le chantage en ligne, avec un
            message simple : « Ce n’est pas ta faute, parles-en ». La campagne a été reprise par trois autres
            bassins d’éducation. Les élèves souhaitent être consultés sur les règles qui les concernent et demandent
            que les adultes « arrêtent de leur faire peur » pour leur donner des solutions concrètes."""),
            H("Coordonnées"),
            P("""Pour toute question, vous pouvez joindre Claire Moreau, coordinatrice du réseau, à l’adresse
            claire.moreau@valclair-ecoles.example.org ou au +33 1 99 00 27 41."""),
        ),
    )


COLLECTIF_PARENTS_BODY = """Madame la Rapporteuse spéciale,

Nous sommes un collectif d’une soixantaine de parents du Haut-Valois, une région rurale où la plupart des familles
ont découvert les réseaux sociaux en même temps que leurs enfants. Nous nous sommes réunis après qu’une série de
messages de chantage a visé plusieurs adolescents de nos villages l’automne dernier. Nous souhaitons vous faire part
de ce que nous avons appris, en espérant que cela puisse servir à votre rapport.

Ce qui nous a frappés, c’est la solitude des familles. Les adolescents concernés n’osaient rien dire, de peur d’être
punis ou privés de téléphone. Quand les parents ont fini par savoir, ils ne savaient ni à qui s’adresser ni comment
faire retirer les images. La gendarmerie a été à l’écoute, mais les démarches auprès des plateformes ont été longues
et, pour la plupart d’entre nous, incompréhensibles.

Nous pensons que les entreprises du numérique devraient être tenues de répondre rapidement aux familles, dans un
langage simple, et d’expliquer ce qu’elles font des signalements. Les réglages les plus protecteurs devraient être
activés par défaut pour les mineurs, au lieu d’être cachés au fond des menus. Quant aux outils d’intelligence
artificielle capables de fabriquer de fausses photos, ils ne devraient tout simplement pas pouvoir produire d’images
sexualisées d’enfants.

Nous demandons aussi aux pouvoirs publics de ne pas oublier les campagnes. Les permanences d’aide aux victimes et
les consultations spécialisées sont loin de chez nous, et les soirées d’information, quand elles existent, ont lieu
en ville. Une ligne d’écoute gratuite, connue de tous les élèves, et des intervenants qui se déplacent dans les
écoles rurales changeraient beaucoup de choses.

Enfin, nous aimerions que les parents soient consultés lorsque de nouvelles règles sont préparées, au même titre que
les associations et les entreprises. Nous n’avons pas de compétences techniques, mais nous savons ce que vivent nos
enfants et ce dont les familles ont besoin.

Nous vous remercions de votre attention et vous prions d’agréer, Madame la Rapporteuse spéciale, l’expression de
notre haute considération.

Pour le Collectif Parents Vigilants du Haut-Valois,
Sophie Garnier
collectif.parents@hautvalois.example.net
"""
