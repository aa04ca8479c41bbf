<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Accept</name>
    <message>
        <source>Accept order</source>
        <translation>Accepter la commande</translation>
    </message>
    <message>
        <source>Customer asked for {clock}</source>
        <translation>Le client a demandé {clock}</translation>
    </message>
    <message>
        <source>Customer asked for: as soon as possible</source>
        <translation>Le client a demandé : dès que possible</translation>
    </message>
    <message>
        <source>Accept order {reference} — customer gets it at:</source>
        <translation>Accepter la commande {reference} — le client l&apos;aura à :</translation>
    </message>
    <message>
        <source>Accept order {reference} — ready in:</source>
        <translation>Accepter la commande {reference} — prête dans :</translation>
    </message>
    <message>
        <source>Accept, keep time</source>
        <translation>Accepter, garder l&apos;heure</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>Acceptance</name>
    <message>
        <source>Kitchen overloaded</source>
        <translation>Cuisine débordée</translation>
    </message>
    <message>
        <source>Out of ingredients</source>
        <translation>Plus d&apos;ingrédients</translation>
    </message>
    <message>
        <source>Closing early</source>
        <translation>Ferme plus tôt</translation>
    </message>
    <message>
        <source>Technical problem</source>
        <translation>Panne technique</translation>
    </message>
    <message>
        <source>End of service</source>
        <translation>Fin du service</translation>
    </message>
    <message>
        <source>Until I change it</source>
        <translation>Jusqu&apos;à nouvel ordre</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>in less than a minute</source>
        <translation>dans moins d&apos;une minute</translation>
    </message>
    <message>
        <source>in {minutes} min</source>
        <translation>dans {minutes} min</translation>
    </message>
    <message>
        <source>in {hours} h {minutes} min</source>
        <translation>dans {hours} h {minutes}</translation>
    </message>
    <message>
        <source>Busy +{minutes} min</source>
        <translation>Occupé +{minutes} min</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Taking orders with extra preparation time</source>
        <translation>Commandes acceptées avec temps de préparation en plus</translation>
    </message>
    <message>
        <source>Not taking new orders</source>
        <translation>Nouvelles commandes refusées</translation>
    </message>
    <message>
        <source>Taking orders normally</source>
        <translation>Commandes acceptées normalement</translation>
    </message>
    <message>
        <source>Until you change it</source>
        <translation>Jusqu&apos;à nouvel ordre</translation>
    </message>
    <message>
        <source>Back to normal at {clock} · {countdown}</source>
        <translation>Retour à la normale à {clock} · {countdown}</translation>
    </message>
    <message>
        <source>{count} open tickets</source>
        <translation>{count} tickets ouverts</translation>
    </message>
    <message>
        <source>{count} late</source>
        <translation>{count} en retard</translation>
    </message>
    <message>
        <source>Go busy +{minutes} min?</source>
        <translation>Passer en occupé +{minutes} min ?</translation>
    </message>
    <message>
        <source>Yes, go busy</source>
        <translation>Oui, occupé</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <source>✔  Normal</source>
        <translation>✔  Normal</translation>
    </message>
    <message>
        <source>◷  Busy</source>
        <translation>◷  Occupé</translation>
    </message>
    <message>
        <source>❚❚  Pause</source>
        <translation>❚❚  Pause</translation>
    </message>
    <message>
        <source>Extra time</source>
        <translation>Temps en plus</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Other reason (optional)</source>
        <translation>Autre motif (facultatif)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprise</translation>
    </message>
    <message>
        <source>End of service {clock}</source>
        <translation>Fin du service {clock}</translation>
    </message>
    <message>
        <source>End of service (closed now)</source>
        <translation>Fin du service (fermé)</translation>
    </message>
    <message>
        <source>Go busy +{minutes} min</source>
        <translation>Occupé +{minutes} min</translation>
    </message>
    <message>
        <source>Pause new orders</source>
        <translation>Mettre en pause</translation>
    </message>
    <message>
        <source>{action} until {clock}</source>
        <translation>{action} jusqu&apos;à {clock}</translation>
    </message>
    <message>
        <source>{action} until I change it</source>
        <translation>{action} jusqu&apos;à nouvel ordre</translation>
    </message>
    <message>
        <source>Yes, +{minutes} min</source>
        <translation>Oui, +{minutes} min</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif : {reason}</translation>
    </message>
    <message>
        <source>↻ Pending — waiting for HubRise to confirm</source>
        <translation>↻ En attente — HubRise doit confirmer</translation>
    </message>
    <message>
        <source>✖ HubRise refused the change: </source>
        <translation>✖ HubRise a refusé le changement : </translation>
    </message>
    <message>
        <source>Base preparation time</source>
        <translation>Temps de préparation de base</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Customers see {minutes} min</source>
        <translation>Les clients voient {minutes} min</translation>
    </message>
    <message>
        <source> (base + {minutes} busy)</source>
        <translation> (base + {minutes} occupé)</translation>
    </message>
    <message>
        <source> · ↻ pending</source>
        <translation> · ↻ en attente</translation>
    </message>
    <message>
        <source> · not saved</source>
        <translation> · non enregistré</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <source>Receive</source>
        <translation>Recevoir</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>En livraison</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappeler</translation>
    </message>
    <message>
        <source>This order was {status}. HubRise (and the ordering platform) will be told it is &apos;{target}&apos; again: the kitchen will make it.</source>
        <translation>Cette commande était {status}. HubRise (et la plateforme de commande) sera informé qu&apos;elle est de nouveau « {target} » : la cuisine va la préparer.</translation>
    </message>
</context>
<context>
    <name>AllDay</name>
    <message>
        <source>ALL DAY</source>
        <translation>TOTAL DU JOUR</translation>
    </message>
</context>
<context>
    <name>Allergen</name>
    <message>
        <source>ALLERGY</source>
        <translation>ALLERGIE</translation>
    </message>
    <message>
        <source>GLUTEN</source>
        <translation>GLUTEN</translation>
    </message>
    <message>
        <source>COELIAC</source>
        <translation>CŒLIAQUE</translation>
    </message>
    <message>
        <source>NUTS</source>
        <translation>FRUITS À COQUE</translation>
    </message>
    <message>
        <source>PEANUTS</source>
        <translation>ARACHIDES</translation>
    </message>
    <message>
        <source>LACTOSE</source>
        <translation>LACTOSE</translation>
    </message>
    <message>
        <source>DAIRY</source>
        <translation>LAIT</translation>
    </message>
    <message>
        <source>EGG</source>
        <translation>ŒUF</translation>
    </message>
    <message>
        <source>SHELLFISH</source>
        <translation>CRUSTACÉS</translation>
    </message>
    <message>
        <source>FISH</source>
        <translation>POISSON</translation>
    </message>
    <message>
        <source>SESAME</source>
        <translation>SÉSAME</translation>
    </message>
    <message>
        <source>SOY</source>
        <translation>SOJA</translation>
    </message>
    <message>
        <source>MUSTARD</source>
        <translation>MOUTARDE</translation>
    </message>
    <message>
        <source>CELERY</source>
        <translation>CÉLERI</translation>
    </message>
    <message>
        <source>SULPHITES</source>
        <translation>SULFITES</translation>
    </message>
    <message>
        <source>LUPIN</source>
        <translation>LUPIN</translation>
    </message>
    <message>
        <source>MOLLUSCS</source>
        <translation>MOLLUSQUES</translation>
    </message>
    <message>
        <source>VEGAN</source>
        <translation>VÉGAN</translation>
    </message>
    <message>
        <source>VEGETARIAN</source>
        <translation>VÉGÉTARIEN</translation>
    </message>
    <message>
        <source>HALAL</source>
        <translation>HALAL</translation>
    </message>
    <message>
        <source>KOSHER</source>
        <translation>CASHER</translation>
    </message>
    <message>
        <source>SPICY</source>
        <translation>ÉPICÉ</translation>
    </message>
    <message>
        <source>{label}-FREE</source>
        <translation>SANS {label}</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <source>All stations done: {status}</source>
        <translation>Tous les postes ont fini : {status}</translation>
    </message>
    <message>
        <source>Order {reference}: {station} done</source>
        <translation>Commande {reference} : {station} fini</translation>
    </message>
    <message>
        <source>Order {reference}: {station} not done</source>
        <translation>Commande {reference} : {station} pas fini</translation>
    </message>
    <message>
        <source>⚠ Could not read orders; showing the last known tickets</source>
        <translation>⚠ Commandes illisibles ; les derniers tickets connus restent affichés</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
</context>
<context>
    <name>Connect</name>
    <message>
        <source>Signing in with HubRise needs an OAuth client id and secret (KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET or config.toml).</source>
        <translation>La connexion à HubRise demande un identifiant client OAuth et son secret (KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET ou config.toml).</translation>
    </message>
    <message>
        <source>Paste the code shown by HubRise after you approved the connection.</source>
        <translation>Collez le code affiché par HubRise après avoir accepté la connexion.</translation>
    </message>
    <message>
        <source>The connection was refused on HubRise&apos;s page, so nothing was connected. Open the HubRise sign-in page again and approve it.</source>
        <translation>La connexion a été refusée sur la page HubRise : rien n&apos;est connecté. Rouvrez la page de connexion HubRise et acceptez.</translation>
    </message>
    <message>
        <source>HubRise did not give a code ({reason}). Open the HubRise sign-in page again.</source>
        <translation>HubRise n&apos;a pas donné de code ({reason}). Rouvrez la page de connexion HubRise.</translation>
    </message>
    <message>
        <source>No OAuth client is configured, so a code cannot be exchanged.</source>
        <translation>Aucun client OAuth n&apos;est configuré : le code ne peut pas être échangé.</translation>
    </message>
    <message>
        <source>HubRise did not accept this code: it is wrong, already used, or older than 10 minutes. Open the HubRise sign-in page again to get a new code.</source>
        <translation>HubRise n&apos;a pas accepté ce code : il est faux, déjà utilisé ou vieux de plus de 10 minutes. Rouvrez la page de connexion HubRise pour en obtenir un nouveau.</translation>
    </message>
    <message>
        <source>HubRise refused this app&apos;s OAuth client id or secret. Check KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET.</source>
        <translation>HubRise a refusé l&apos;identifiant client OAuth ou le secret de l&apos;application. Vérifiez KDS_OAUTH_CLIENT_ID / KDS_OAUTH_CLIENT_SECRET.</translation>
    </message>
    <message>
        <source>Could not reach HubRise to exchange the code ({kind}). Try again.</source>
        <translation>HubRise injoignable pour échanger le code ({kind}). Réessayez.</translation>
    </message>
    <message>
        <source>Paste an access token.</source>
        <translation>Collez un jeton d&apos;accès.</translation>
    </message>
    <message>
        <source>Connected, but the token could not be saved: {reason}</source>
        <translation>Connecté, mais le jeton n&apos;a pas pu être enregistré : {reason}</translation>
    </message>
    <message>
        <source>HubRise refused this access token: it is wrong or the connection was revoked.</source>
        <translation>HubRise a refusé ce jeton d&apos;accès : il est faux ou la connexion a été révoquée.</translation>
    </message>
    <message>
        <source>This token cannot read the location: connect at location level.</source>
        <translation>Ce jeton ne peut pas lire l&apos;établissement : connectez-vous au niveau de l&apos;établissement.</translation>
    </message>
    <message>
        <source>Could not reach HubRise to check the token ({kind}). Try again.</source>
        <translation>HubRise injoignable pour vérifier le jeton ({kind}). Réessayez.</translation>
    </message>
    <message>
        <source>The local cache could not be deleted: {reason}</source>
        <translation>Le cache local n&apos;a pas pu être supprimé : {reason}</translation>
    </message>
    <message>
        <source>The HubRise callback could not be deleted ({kind}).</source>
        <translation>Le callback HubRise n&apos;a pas pu être supprimé ({kind}).</translation>
    </message>
    <message>
        <source>No OAuth client is configured, so the token was not revoked; remove the connection in the HubRise back office.</source>
        <translation>Aucun client OAuth n&apos;est configuré : le jeton n&apos;a pas été révoqué ; supprimez la connexion dans le back-office HubRise.</translation>
    </message>
    <message>
        <source>HubRise could not revoke the token ({kind}); remove the connection in the HubRise back office.</source>
        <translation>HubRise n&apos;a pas pu révoquer le jeton ({kind}) ; supprimez la connexion dans le back-office HubRise.</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Kitchen display for HubRise</source>
        <translation>Écran de cuisine pour HubRise</translation>
    </message>
    <message>
        <source>Orders from every platform connected to HubRise, on one screen. Start with the demo, or connect your restaurant.</source>
        <translation>Les commandes de toutes les plateformes connectées à HubRise, sur un seul écran. Commencez par la démo, ou connectez votre restaurant.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <source>Built-in simulator with sample orders. No account needed.</source>
        <translation>Simulateur intégré avec des commandes d&apos;exemple. Aucun compte nécessaire.</translation>
    </message>
    <message>
        <source>Connect to HubRise</source>
        <translation>Se connecter à HubRise</translation>
    </message>
    <message>
        <source>Sign in to HubRise in your browser, then paste the code here.</source>
        <translation>Connectez-vous à HubRise dans votre navigateur, puis collez le code ici.</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>Liste de clients</translation>
    </message>
    <message>
        <source>HubRise connection</source>
        <translation>Connexion HubRise</translation>
    </message>
    <message>
        <source>Show what went wrong</source>
        <translation>Voir le problème</translation>
    </message>
    <message>
        <source>Back to the board</source>
        <translation>Retour aux tickets</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Name / station</source>
        <translation>Nom / poste</translation>
    </message>
    <message>
        <source>Reconnect needed: HubRise no longer accepts this connection. The board keeps showing the orders it has.</source>
        <translation>Reconnexion nécessaire : HubRise n&apos;accepte plus cette connexion. L&apos;écran garde les commandes qu&apos;il a.</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <source>Disconnect this screen from HubRise? It will stop receiving orders. Keep the orders already on this screen, or wipe them?</source>
        <translation>Déconnecter cet écran de HubRise ? Il ne recevra plus de commandes. Garder les commandes déjà sur cet écran, ou les effacer ?</translation>
    </message>
    <message>
        <source>Disconnect, keep orders</source>
        <translation>Déconnecter, garder les commandes</translation>
    </message>
    <message>
        <source>Disconnect and wipe</source>
        <translation>Déconnecter et effacer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Connected to HubRise</source>
        <translation>Connecté à HubRise</translation>
    </message>
    <message>
        <source>Not in contact with HubRise</source>
        <translation>Pas de contact avec HubRise</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>Déconnexion…</translation>
    </message>
    <message>
        <source>Disconnected.</source>
        <translation>Déconnecté.</translation>
    </message>
    <message>
        <source>Disconnecting failed ({kind}). Try again.</source>
        <translation>La déconnexion a échoué ({kind}). Réessayez.</translation>
    </message>
    <message>
        <source>enter the OAuth client id first (KDS_OAUTH_CLIENT_ID and KDS_OAUTH_CLIENT_SECRET, or [oauth] in config.toml), then restart.</source>
        <translation>saisissez d&apos;abord l&apos;identifiant client OAuth (KDS_OAUTH_CLIENT_ID et KDS_OAUTH_CLIENT_SECRET, ou [oauth] dans config.toml), puis redémarrez.</translation>
    </message>
    <message>
        <source>1. Sign in to HubRise and choose the location for this screen.</source>
        <translation>1. Connectez-vous à HubRise et choisissez l&apos;établissement de cet écran.</translation>
    </message>
    <message>
        <source>Open HubRise sign-in</source>
        <translation>Ouvrir la connexion HubRise</translation>
    </message>
    <message>
        <source>2. HubRise then shows a code. Paste it here:</source>
        <translation>2. HubRise affiche alors un code. Collez-le ici :</translation>
    </message>
    <message>
        <source>Paste the code here</source>
        <translation>Collez le code ici</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <source>I have an access token (integrators)</source>
        <translation>J&apos;ai un jeton d&apos;accès (intégrateurs)</translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation>Collez un jeton d&apos;accès</translation>
    </message>
    <message>
        <source>Connect with this token</source>
        <translation>Connecter avec ce jeton</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Sign-in unavailable: </source>
        <translation>Connexion indisponible : </translation>
    </message>
    <message>
        <source>Sign-in is not set up on this computer (no OAuth client id/secret). An integrator can paste an access token below.</source>
        <translation>La connexion n&apos;est pas configurée sur cet ordinateur (pas d&apos;identifiant client OAuth). Un intégrateur peut coller un jeton d&apos;accès ci-dessous.</translation>
    </message>
    <message>
        <source>Could not open a browser here: open the address above on any device, sign in, then paste the code.</source>
        <translation>Impossible d&apos;ouvrir un navigateur ici : ouvrez l&apos;adresse ci-dessus sur un autre appareil, connectez-vous, puis collez le code.</translation>
    </message>
    <message>
        <source>Sign in in the browser window, then come back and paste the code.</source>
        <translation>Connectez-vous dans la fenêtre du navigateur, puis revenez coller le code.</translation>
    </message>
    <message>
        <source>Paste the code HubRise showed you first.</source>
        <translation>Collez d&apos;abord le code affiché par HubRise.</translation>
    </message>
    <message>
        <source>Checking the code with HubRise…</source>
        <translation>Vérification du code avec HubRise…</translation>
    </message>
    <message>
        <source>Paste an access token first.</source>
        <translation>Collez d&apos;abord un jeton d&apos;accès.</translation>
    </message>
    <message>
        <source>Checking the token with HubRise…</source>
        <translation>Vérification du jeton avec HubRise…</translation>
    </message>
    <message>
        <source>Connected to {location}.</source>
        <translation>Connecté à {location}.</translation>
    </message>
    <message>
        <source>HubRise also lets this screen read your catalog: its tags mark allergens and diets on tickets (nuts, gluten, vegan…) and send items to their stations.</source>
        <translation>HubRise permet aussi à cet écran de lire votre catalogue : ses étiquettes signalent les allergènes et les régimes sur les tickets (fruits à coque, gluten, végan…) et envoient les articles à leur poste.</translation>
    </message>
</context>
<context>
    <name>Customer</name>
    <message>
        <source>Preparing</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Your order</source>
        <translation>Votre commande</translation>
    </message>
</context>
<context>
    <name>Day</name>
    <message>
        <source>Monday</source>
        <translation>Lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Dimanche</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>{name}: {orders} · {late} late · {minutes} min</source>
        <translation>{name} : {orders} · {late} en retard · {minutes} min</translation>
    </message>
    <message>
        <source>Export the figures</source>
        <translation>Exporter les chiffres</translation>
    </message>
    <message>
        <source>Times from arrival: median / slowest 10 %</source>
        <translation>Minutes depuis l&apos;arrivée : médiane / 10 % les plus lentes</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Chiffres</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>To accepted, min</source>
        <translation>Acceptée, min</translation>
    </message>
    <message>
        <source>To ready, min</source>
        <translation>Prête, min</translation>
    </message>
    <message>
        <source>To completed, min</source>
        <translation>Terminée, min</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>Par service</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>Par canal</translation>
    </message>
    <message>
        <source>Slowest products</source>
        <translation>Produits les plus lents</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter CSV</translation>
    </message>
    <message>
        <source>{name}: {minutes} min ({orders})</source>
        <translation>{name} : {minutes} min ({orders})</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Enregistré : {file}</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
    <message>
        <source>median prep, min</source>
        <translation>prépa médiane, min</translation>
    </message>
    <message>
        <source>avg prep — · {late} late</source>
        <translation>prépa moy. — · {late} en retard</translation>
    </message>
    <message>
        <source>avg prep {minutes} min · {late} late</source>
        <translation>prépa moy. {minutes} min · {late} en retard</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Location not loaded yet</source>
        <translation>Établissement pas encore chargé</translation>
    </message>
    <message>
        <source>◷ BUSY</source>
        <translation>◷ OCCUPÉ</translation>
    </message>
    <message>
        <source>❚❚ PAUSED — no new orders</source>
        <translation>❚❚ EN PAUSE — aucune nouvelle commande</translation>
    </message>
    <message>
        <source>✔ Taking orders</source>
        <translation>✔ Commandes ouvertes</translation>
    </message>
    <message>
        <source> · until {clock} ({minutes} min)</source>
        <translation> · jusqu&apos;à {clock} ({minutes} min)</translation>
    </message>
    <message>
        <source>✖ RECONNECT NEEDED — HubRise refused this screen&apos;s access (see Connection)</source>
        <translation>✖ RECONNEXION NÉCESSAIRE — HubRise a refusé l&apos;accès de cet écran (voir Connexion)</translation>
    </message>
    <message>
        <source>◷ HubRise asks us to wait until {clock}</source>
        <translation>◷ HubRise demande d&apos;attendre jusqu&apos;à {clock}</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source> · {seconds} s ago</source>
        <translation> · {seconds} s</translation>
    </message>
    <message>
        <source> · {minutes} min ago</source>
        <translation> · {minutes} min</translation>
    </message>
    <message>
        <source> · earlier orders not loaded: {problem}</source>
        <translation> · commandes antérieures non chargées : {problem}</translation>
    </message>
    <message>
        <source>✖ No contact with HubRise since {clock} — {problem}</source>
        <translation>✖ Pas de contact avec HubRise depuis {clock} — {problem}</translation>
    </message>
    <message>
        <source>✖ No contact with HubRise — {problem}</source>
        <translation>✖ Pas de contact avec HubRise — {problem}</translation>
    </message>
    <message>
        <source>✖ OFFLINE since {clock} — no new orders can arrive</source>
        <translation>✖ HORS LIGNE depuis {clock} — aucune nouvelle commande ne peut arriver</translation>
    </message>
    <message>
        <source>… Connecting to HubRise</source>
        <translation>… Connexion à HubRise</translation>
    </message>
    <message>
        <source> · {count} to send</source>
        <translation> · {count} à envoyer</translation>
    </message>
    <message>
        <source> · {count} FAILED</source>
        <translation> · {count} EN ÉCHEC</translation>
    </message>
    <message>
        <source>1 order could not be shown</source>
        <translation>1 commande n&apos;a pas pu être affichée</translation>
    </message>
    <message>
        <source>{count} orders could not be shown</source>
        <translation>{count} commandes n&apos;ont pas pu être affichées</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>Disk full — orders are waiting on HubRise</source>
        <translation>Disque plein — les commandes attendent sur HubRise</translation>
    </message>
    <message>
        <source>The data folder is read-only — orders are waiting on HubRise</source>
        <translation>Le dossier des données est en lecture seule — les commandes attendent sur HubRise</translation>
    </message>
    <message>
        <source>Not sent to HubRise</source>
        <translation>Non envoyé à HubRise</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Non envoyé : {reason}</translation>
    </message>
    <message>
        <source>HubRise refused permission (403): this connection&apos;s access does not allow it. Reconnect and approve the access KDS asks for</source>
        <translation>HubRise a refusé l&apos;accès (403) : les droits de cette connexion ne le permettent pas. Reconnectez-vous et acceptez les accès demandés par KDS</translation>
    </message>
    <message>
        <source>HubRise does not answer (timed out)</source>
        <translation>HubRise ne répond pas (délai dépassé)</translation>
    </message>
    <message>
        <source>the network is down</source>
        <translation>le réseau est coupé</translation>
    </message>
    <message>
        <source>answered with a web page — captive portal?</source>
        <translation>réponse par une page web — portail captif ?</translation>
    </message>
    <message>
        <source>HubRise&apos;s answer could not be read (invalid JSON)</source>
        <translation>réponse de HubRise illisible (JSON invalide)</translation>
    </message>
    <message>
        <source>HubRise&apos;s answer could not be read</source>
        <translation>réponse de HubRise illisible</translation>
    </message>
    <message>
        <source>HubRise asks us to wait</source>
        <translation>HubRise demande d&apos;attendre</translation>
    </message>
    <message>
        <source>HubRise is failing ({status})</source>
        <translation>HubRise est en panne ({status})</translation>
    </message>
    <message>
        <source>HubRise refused the request ({status})</source>
        <translation>HubRise a refusé la demande ({status})</translation>
    </message>
    <message>
        <source>sync error ({kind})</source>
        <translation>erreur de synchronisation ({kind})</translation>
    </message>
</context>
<context>
    <name>Hours</name>
    <message>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <source>+ Slot</source>
        <translation>+ Plage</translation>
    </message>
    <message>
        <source>Copy to all</source>
        <translation>Tout copier</translation>
    </message>
    <message>
        <source>Close day</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>closes after midnight, same business day</source>
        <translation>ferme après minuit, même journée de service</translation>
    </message>
    <message>
        <source>Each bar is one business day, from the cutoff to the next cutoff; the yellow line is midnight. ☾ = closes after midnight but before the cutoff, so it still counts as the day it opened.</source>
        <translation>Chaque barre est une journée de service, d&apos;une bascule à la suivante ; la ligne jaune est minuit. ☾ = ferme après minuit mais avant la bascule : compte pour le jour d&apos;ouverture.</translation>
    </message>
    <message>
        <source>☾ = closes after midnight but before the cutoff: still the day it opened.</source>
        <translation>☾ = ferme après minuit mais avant la bascule : compte pour le jour d&apos;ouverture.</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Change cutoff</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>The opening hours were changed elsewhere while you were editing. Your edits are kept; saving replaces the other change.</source>
        <translation>Les horaires ont été modifiés ailleurs pendant votre saisie. Vos modifications sont gardées ; enregistrer remplace l&apos;autre changement.</translation>
    </message>
    <message>
        <source>Show theirs</source>
        <translation>Voir les leurs</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder les miennes</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Saved here — waiting for HubRise to confirm…</source>
        <translation>Enregistré ici — en attente de confirmation HubRise…</translation>
    </message>
    <message>
        <source>HubRise refused these hours — see below. Your edits are kept.</source>
        <translation>HubRise a refusé ces horaires — voir ci-dessous. Vos modifications sont gardées.</translation>
    </message>
    <message>
        <source>With these hours: </source>
        <translation>Avec ces horaires : </translation>
    </message>
    <message>
        <source>✔ Saved on HubRise</source>
        <translation>✔ Enregistré sur HubRise</translation>
    </message>
    <message>
        <source> (was {cutoff})</source>
        <translation> (avant {cutoff})</translation>
    </message>
    <message>
        <source>Business day starts at {cutoff}</source>
        <translation>Début de journée : {cutoff}</translation>
    </message>
    <message>
        <source>Fix the problems shown in orange to save.</source>
        <translation>Corrigez les problèmes en orange pour enregistrer.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Closed all week: customers cannot order</source>
        <translation>Fermé toute la semaine : les clients ne peuvent pas commander</translation>
    </message>
    <message>
        <source>Open now · closes {when}</source>
        <translation>Ouvert · ferme {when}</translation>
    </message>
    <message>
        <source>Closed now · opens {when}</source>
        <translation>Fermé · ouvre {when}</translation>
    </message>
    <message>
        <source>{day}at {clock}</source>
        <translation>{day}à {clock}</translation>
    </message>
    <message>
        <source>tomorrow </source>
        <translation>demain </translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Ouvre</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>Ferme</translation>
    </message>
    <message>
        <source>Remove slot</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>{day} — opening slot {number}</source>
        <translation>{day} — plage {number}</translation>
    </message>
    <message>
        <source>Closes after midnight: still {day}&apos;s business day, because {closes} is before the cutoff {cutoff}.</source>
        <translation>Ferme après minuit : toujours la journée de service du {day}, car {closes} est avant la bascule {cutoff}.</translation>
    </message>
    <message>
        <source>Cutoff time — when the business day starts</source>
        <translation>Heure de bascule — début de la journée de service</translation>
    </message>
    <message>
        <source>Business day starts at</source>
        <translation>La journée commence à</translation>
    </message>
    <message>
        <source>Use this cutoff</source>
        <translation>Utiliser cette heure</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>Out of stock</source>
        <translation>Rupture de stock</translation>
    </message>
    <message>
        <source>Kitchen too busy</source>
        <translation>Cuisine débordée</translation>
    </message>
    <message>
        <source>Closing soon</source>
        <translation>Fermeture imminente</translation>
    </message>
    <message>
        <source>Customer asked</source>
        <translation>Demande du client</translation>
    </message>
    <message>
        <source>Order menu</source>
        <translation>Menu de la commande</translation>
    </message>
    <message>
        <source>Order {reference} — {status}</source>
        <translation>Commande {reference} — {status}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>✔ Seen: remove HubRise mark</source>
        <translation>✔ Vu : retirer la marque HubRise</translation>
    </message>
    <message>
        <source>Remove rush</source>
        <translation>Retirer l&apos;urgence</translation>
    </message>
    <message>
        <source>⚑ Rush</source>
        <translation>⚑ Urgent</translation>
    </message>
    <message>
        <source>🖶 Reprint</source>
        <translation>🖶 Réimprimer</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motif (facultatif)</translation>
    </message>
    <message>
        <source>Send to the customer</source>
        <translation>Envoyer au client</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <source>Set order {reference} to {status}?</source>
        <translation>Passer la commande {reference} à {status} ?</translation>
    </message>
    <message>
        <source>The reason is sent to HubRise as the merchant&apos;s note: the customer may see it.</source>
        <translation>Le motif est envoyé à HubRise comme note du commerçant : le client peut le voir.</translation>
    </message>
    <message>
        <source>The reason is kept on this screen only.</source>
        <translation>Le motif reste sur cet écran seulement.</translation>
    </message>
    <message>
        <source>✖ Reject</source>
        <translation>✖ Refuser</translation>
    </message>
    <message>
        <source>✖ Cancel</source>
        <translation>✖ Annuler</translation>
    </message>
    <message>
        <source>✖ Delivery failed</source>
        <translation>✖ Livraison échouée</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Acceptée</translation>
    </message>
    <message>
        <source>Cooking</source>
        <translation>En cuisine</translation>
    </message>
    <message>
        <source>Ready to ship</source>
        <translation>Prête à livrer</translation>
    </message>
    <message>
        <source>Ready to collect</source>
        <translation>Prête à retirer</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>En livraison</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
</context>
<context>
    <name>Nav</name>
    <message>
        <source>Orders</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Busy / Pause  ⚠ suggested</source>
        <translation>Occupé/Pause ⚠</translation>
    </message>
    <message>
        <source>Busy / Pause</source>
        <translation>Occupé/Pause</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>KDS — HubRise kitchen display</source>
        <translation>KDS — écran de cuisine HubRise</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>The local store was damaged and repaired; the damaged file is at {path}.</source>
        <translation>La base locale était endommagée et a été réparée ; le fichier endommagé est ici : {path}.</translation>
    </message>
    <message>
        <source>1 change waiting to be sent</source>
        <translation>1 modification en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>{count} changes waiting to be sent</source>
        <translation>{count} modifications en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>1 order was kept</source>
        <translation>1 commande conservée</translation>
    </message>
    <message>
        <source>{count} orders were kept</source>
        <translation>{count} commandes conservées</translation>
    </message>
    <message>
        <source>The local store was damaged and repaired: {changes} and {orders}. The damaged file is at {path}.</source>
        <translation>La base locale était endommagée et a été réparée : {changes} et {orders}. Le fichier endommagé est ici : {path}.</translation>
    </message>
    <message>
        <source>No OS keyring is available on this computer; the HubRise access token is stored in {path}, readable only by this user.</source>
        <translation>Aucun trousseau du système sur cet ordinateur ; le jeton d&apos;accès HubRise est enregistré dans {path}, lisible par cet utilisateur seulement.</translation>
    </message>
    <message>
        <source>No saved orders could be read, so the board starts empty and nothing will be kept when KDS closes.</source>
        <translation>Aucune commande enregistrée n&apos;a pu être lue : l&apos;écran démarre vide et rien ne sera gardé à la fermeture de KDS.</translation>
    </message>
    <message>
        <source>The board shows the orders saved before; new orders and taps cannot be saved, orders are waiting on HubRise.</source>
        <translation>L&apos;écran montre les commandes enregistrées avant ; les nouvelles commandes et les actions ne peuvent pas être enregistrées, les commandes attendent sur HubRise.</translation>
    </message>
    <message>
        <source>Nothing can be saved: {reason} ({folder}). {kept} Free some space or fix the folder, then restart KDS.</source>
        <translation>Rien ne peut être enregistré : {reason} ({folder}). {kept} Libérez de la place ou réparez le dossier, puis redémarrez KDS.</translation>
    </message>
    <message>
        <source>The log cannot be written to {folder} ({reason}); messages go to the terminal only.</source>
        <translation>Le journal ne peut pas être écrit dans {folder} ({reason}) ; les messages vont seulement au terminal.</translation>
    </message>
    <message>
        <source>The token file {path} can be read by other users of this computer (mode {mode}): anyone logged in can copy the HubRise access token. Make it private (chmod 600 {path}).</source>
        <translation>Le fichier du jeton {path} est lisible par les autres utilisateurs de cet ordinateur (mode {mode}) : toute personne connectée peut copier le jeton d&apos;accès HubRise. Rendez-le privé (chmod 600 {path}).</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <source>TO PAY</source>
        <translation>À PAYER</translation>
    </message>
    <message>
        <source> · paid {amount}</source>
        <translation> · payé {amount}</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>PAYÉ</translation>
    </message>
</context>
<context>
    <name>Print</name>
    <message>
        <source>DELIVERY</source>
        <translation>LIVRAISON</translation>
    </message>
    <message>
        <source>COLLECTION</source>
        <translation>À EMPORTER</translation>
    </message>
    <message>
        <source>EAT IN</source>
        <translation>SUR PLACE</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>RÉIMPRESSION</translation>
    </message>
    <message>
        <source>ORDER</source>
        <translation>COMMANDE</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Kitchen</source>
        <translation>Cuisine</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>{station} READY</source>
        <translation>{station} PRÊT</translation>
    </message>
    <message>
        <source>DUE {clock}</source>
        <translation>POUR {clock}</translation>
    </message>
    <message>
        <source>Ordered {clock}</source>
        <translation>Commandé à {clock}</translation>
    </message>
    <message>
        <source>NO {option}</source>
        <translation>SANS {option}</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>{title}: {note}</source>
        <translation>{title} : {note}</translation>
    </message>
    <message>
        <source>Rider: {name}</source>
        <translation>Livreur : {name}</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>Client : {name}</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connexion refusée</translation>
    </message>
    <message>
        <source>cannot be reached</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>1 ticket waiting</source>
        <translation>1 ticket en attente</translation>
    </message>
    <message>
        <source>{count} tickets waiting</source>
        <translation>{count} tickets en attente</translation>
    </message>
    <message>
        <source>Printer {name}: {reason} · {tickets}</source>
        <translation>Imprimante {name} : {reason} · {tickets}</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>What needs attention</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <source>{count} change(s) HubRise did not take:</source>
        <translation>{count} modification(s) refusée(s) par HubRise :</translation>
    </message>
    <message>
        <source>{orders} (last 24 h):</source>
        <translation>{orders} (dernières 24 h) :</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Open order {reference}</source>
        <translation>Ouvrir la commande {reference}</translation>
    </message>
</context>
<context>
    <name>Rider</name>
    <message>
        <source>booking a rider</source>
        <translation>recherche d&apos;un livreur</translation>
    </message>
    <message>
        <source>on the way</source>
        <translation>en route</translation>
    </message>
    <message>
        <source>arriving</source>
        <translation>arrive</translation>
    </message>
    <message>
        <source>WAITING AT THE PASS</source>
        <translation>ATTEND AU PASSE</translation>
    </message>
    <message>
        <source>picked up</source>
        <translation>récupérée</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>livrée</translation>
    </message>
    <message>
        <source>rider cancelled</source>
        <translation>livreur annulé</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>À venir</translation>
    </message>
    <message>
        <source>Done today</source>
        <translation>Finie aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Find an order</source>
        <translation>Trouver une commande</translation>
    </message>
    <message>
        <source>Code, name or phone</source>
        <translation>Code, nom ou téléphone</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Service</name>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>À emporter</translation>
    </message>
    <message>
        <source>Eat in</source>
        <translation>Sur place</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Sound</source>
        <translation>Son</translation>
    </message>
    <message>
        <source>Chime when a new order arrives</source>
        <translation>Sonnerie à l&apos;arrivée d&apos;une commande</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Auto-receive</source>
        <translation>Réception auto</translation>
    </message>
    <message>
        <source>Mark new orders as received at once</source>
        <translation>Marquer les commandes reçues dès leur arrivée</translation>
    </message>
    <message>
        <source>Checking for orders</source>
        <translation>Vérification des commandes</translation>
    </message>
    <message>
        <source>Fast uses more of the HubRise request budget</source>
        <translation>Rapide utilise plus du quota de requêtes HubRise</translation>
    </message>
    <message>
        <source>Scheduled orders</source>
        <translation>Commandes programmées</translation>
    </message>
    <message>
        <source>Show on the board this long before due</source>
        <translation>Affichées autant de temps avant l&apos;heure prévue</translation>
    </message>
    <message>
        <source>Warning (amber)</source>
        <translation>Alerte (orange)</translation>
    </message>
    <message>
        <source>This long before the due time</source>
        <translation>Autant de temps avant l&apos;heure prévue</translation>
    </message>
    <message>
        <source>Late (red)</source>
        <translation>En retard (rouge)</translation>
    </message>
    <message>
        <source>This long after the due time</source>
        <translation>Autant de temps après l&apos;heure prévue</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Applies at next start</source>
        <translation>Appliqué au prochain démarrage</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Suggest busy</source>
        <translation>Suggérer occupé</translation>
    </message>
    <message>
        <source>From this many open tickets</source>
        <translation>À partir de ce nombre de tickets ouverts</translation>
    </message>
    <message>
        <source>…or late tickets</source>
        <translation>…ou de tickets en retard</translation>
    </message>
    <message>
        <source>From this many late tickets</source>
        <translation>À partir de ce nombre de tickets en retard</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>Mode kiosque</translation>
    </message>
    <message>
        <source>Full screen, no window controls</source>
        <translation>Plein écran, sans boutons de fenêtre</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>Imprimantes</translation>
    </message>
    <message>
        <source>tcp://HOST:PORT, file:///dev/usb/lp0 or qt:NAME; commas between</source>
        <translation>tcp://HÔTE:PORT, file:///dev/usb/lp0 ou qt:NOM ; séparés par des virgules</translation>
    </message>
    <message>
        <source>Print new orders</source>
        <translation>Imprimer les commandes</translation>
    </message>
    <message>
        <source>Once, when they arrive</source>
        <translation>Une fois, à leur arrivée</translation>
    </message>
    <message>
        <source>Print on accept</source>
        <translation>Imprimer à l&apos;acceptation</translation>
    </message>
    <message>
        <source>When the kitchen accepts an order</source>
        <translation>Quand la cuisine accepte une commande</translation>
    </message>
    <message>
        <source>Print station done</source>
        <translation>Imprimer poste fini</translation>
    </message>
    <message>
        <source>When this station screen bumps its part</source>
        <translation>Quand ce poste finit sa part</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Tickets printed each time</source>
        <translation>Tickets imprimés à chaque fois</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Largeur du papier</translation>
    </message>
    <message>
        <source>58 or 80 mm roll</source>
        <translation>Rouleau de 58 ou 80 mm</translation>
    </message>
    <message>
        <source>Figures in the header</source>
        <translation>Chiffres dans l’en-tête</translation>
    </message>
    <message>
        <source>Average prep and late orders today</source>
        <translation>Préparation moyenne et retards du jour</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Écran clients</translation>
    </message>
    <message>
        <source>Preparing / Ready codes on a second screen</source>
        <translation>Codes « En préparation / Prête » sur un second écran</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Chiffres</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Non enregistré : {reason}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>Stations</name>
    <message>
        <source>{station} not done</source>
        <translation>{station} pas fini</translation>
    </message>
    <message>
        <source>{station} done</source>
        <translation>{station} fini</translation>
    </message>
    <message>
        <source>{status} · {done}/{count} stations</source>
        <translation>{status} · {done}/{count} postes</translation>
    </message>
    <message>
        <source>Only screen</source>
        <translation>Écran unique</translation>
    </message>
    <message>
        <source>Expo (pass)</source>
        <translation>Passe (expo)</translation>
    </message>
    <message>
        <source>This screen</source>
        <translation>Cet écran</translation>
    </message>
    <message>
        <source>{name} — expo: every order, each station&apos;s progress</source>
        <translation>{name} — passe : toutes les commandes, l&apos;avancement de chaque poste</translation>
    </message>
    <message>
        <source>{name} — {station} station: only its items</source>
        <translation>{name} — poste {station} : seulement ses articles</translation>
    </message>
    <message>
        <source>{name} — the only screen: every item</source>
        <translation>{name} — écran unique : tous les articles</translation>
    </message>
    <message>
        <source>Name on this screen, e.g. Grill</source>
        <translation>Nom de cet écran, ex. Grill</translation>
    </message>
    <message>
        <source>Default station (what no rule matches)</source>
        <translation>Poste par défaut (sans règle)</translation>
    </message>
    <message>
        <source>Rules: the first that matches an item sends it to its station</source>
        <translation>Règles : la première qui correspond à un article l&apos;envoie à son poste</translation>
    </message>
    <message>
        <source>Station, e.g. Pizza</source>
        <translation>Poste, ex. Pizza</translation>
    </message>
    <message>
        <source>Value, e.g. Pizzas</source>
        <translation>Valeur, ex. Pizzas</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Import rules file</source>
        <translation>Importer des règles</translation>
    </message>
    <message>
        <source>Export rules file</source>
        <translation>Exporter les règles</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>{name} station</source>
        <translation>Poste {name}</translation>
    </message>
    <message>
        <source>No rule or default sends items to {station}</source>
        <translation>Aucune règle ni poste par défaut n&apos;envoie d&apos;articles à {station}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Not imported: {reason}</source>
        <translation>Non importé : {reason}</translation>
    </message>
    <message>
        <source>Imported {count} rules — Save to keep them.</source>
        <translation>{count} règles importées — Enregistrez pour les garder.</translation>
    </message>
    <message>
        <source>Not exported: {reason}</source>
        <translation>Non exporté : {reason}</translation>
    </message>
    <message>
        <source>Rules written to {file}</source>
        <translation>Règles écrites dans {file}</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Product/SKU ref</source>
        <translation>Réf. produit/SKU</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nom du produit</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>NEW</source>
        <translation>NOUVELLE</translation>
    </message>
    <message>
        <source>RECEIVED</source>
        <translation>REÇUE</translation>
    </message>
    <message>
        <source>ACCEPTED</source>
        <translation>ACCEPTÉE</translation>
    </message>
    <message>
        <source>COOKING</source>
        <translation>EN CUISINE</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>PRÊTE</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>EN LIVRAISON</translation>
    </message>
    <message>
        <source>DONE</source>
        <translation>TERMINÉE</translation>
    </message>
    <message>
        <source>REJECTED</source>
        <translation>REFUSÉE</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ANNULÉE</translation>
    </message>
    <message>
        <source>DELIVERY FAILED</source>
        <translation>LIVRAISON ÉCHOUÉE</translation>
    </message>
</context>
<context>
    <name>StatusWord</name>
    <message>
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message>
        <source>received</source>
        <translation>reçue</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>acceptée</translation>
    </message>
    <message>
        <source>in preparation</source>
        <translation>en préparation</translation>
    </message>
    <message>
        <source>awaiting shipment</source>
        <translation>prête à livrer</translation>
    </message>
    <message>
        <source>awaiting collection</source>
        <translation>prête à retirer</translation>
    </message>
    <message>
        <source>in delivery</source>
        <translation>en livraison</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>refusée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>delivery failed</source>
        <translation>livraison échouée</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>À venir</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Finies</translation>
    </message>
    <message>
        <source>Orders to make now</source>
        <translation>Commandes à préparer maintenant</translation>
    </message>
    <message>
        <source>Orders for later</source>
        <translation>Commandes pour plus tard</translation>
    </message>
    <message>
        <source>Done today: completed, cancelled and rejected</source>
        <translation>Terminées aujourd&apos;hui : servies, annulées et refusées</translation>
    </message>
    <message>
        <source>Find an order by its code, the customer&apos;s name or phone</source>
        <translation>Trouver une commande par son code, le nom ou le téléphone du client</translation>
    </message>
    <message>
        <source>Find an order</source>
        <translation>Trouver une commande</translation>
    </message>
    <message>
        <source>♪ Mute 5 min</source>
        <translation>♪ Silence 5 min</translation>
    </message>
    <message>
        <source>★ {count} NEW</source>
        <translation>★ {count} NOUV.</translation>
    </message>
    <message>
        <source> — Busy mode?</source>
        <translation> — Mode occupé ?</translation>
    </message>
    <message>
        <source>■ {count} LATE</source>
        <translation>■ {count} EN RETARD</translation>
    </message>
    <message>
        <source>♪ Muted {minutes} min</source>
        <translation>♪ Silence {minutes} min</translation>
    </message>
</context>
<context>
    <name>Ticket</name>
    <message>
        <source>⟳ Saved here, sending…</source>
        <translation>⟳ Enregistré ici, envoi…</translation>
    </message>
    <message>
        <source>⚠ Check order: </source>
        <translation>⚠ Vérifier la commande : </translation>
    </message>
    <message>
        <source>✖ CANCELLED BY HUBRISE</source>
        <translation>✖ ANNULÉE PAR HUBRISE</translation>
    </message>
    <message>
        <source>✎ CHANGED BY HUBRISE</source>
        <translation>✎ MODIFIÉE PAR HUBRISE</translation>
    </message>
    <message>
        <source>✔ Got it</source>
        <translation>✔ Compris</translation>
    </message>
    <message>
        <source>⚠ Could not read this order — check it in HubRise</source>
        <translation>⚠ Commande illisible — vérifiez-la dans HubRise</translation>
    </message>
    <message>
        <source>LATE {minutes} min</source>
        <translation>RETARD {minutes} min</translation>
    </message>
    <message>
        <source>DUE NOW</source>
        <translation>MAINTENANT</translation>
    </message>
    <message>
        <source>DUE {minutes} min</source>
        <translation>DANS {minutes} min</translation>
    </message>
    <message>
        <source>due {clock}</source>
        <translation>pour {clock}</translation>
    </message>
    <message>
        <source>due in {minutes} min</source>
        <translation>dans {minutes} min</translation>
    </message>
    <message>
        <source>⚑ RUSH</source>
        <translation>⚑ URGENT</translation>
    </message>
    <message>
        <source>✖ CANCELLED</source>
        <translation>✖ ANNULÉE</translation>
    </message>
    <message>
        <source>✎ CHANGED</source>
        <translation>✎ MODIFIÉE</translation>
    </message>
    <message>
        <source>{reference} cont.</source>
        <translation>{reference} suite</translation>
    </message>
    <message>
        <source>age {age}</source>
        <translation>depuis {age}</translation>
    </message>
    <message>
        <source>NEW · </source>
        <translation>NOUVELLE · </translation>
    </message>
    <message>
        <source>☎ {phone} · code {code}</source>
        <translation>☎ {phone} · code {code}</translation>
    </message>
    <message>
        <source>Address: </source>
        <translation>Adresse : </translation>
    </message>
    <message>
        <source>Delivery: </source>
        <translation>Livraison : </translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>Note : </translation>
    </message>
    <message>
        <source>Taken by {name} · </source>
        <translation>Prise par {name} · </translation>
    </message>
    <message>
        <source>HubRise id {id}</source>
        <translation>id HubRise {id}</translation>
    </message>
    <message>
        <source>Rider at {clock}</source>
        <translation>Livreur à {clock}</translation>
    </message>
    <message>
        <source>Rider</source>
        <translation>Livreur</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>SANS</translation>
    </message>
    <message>
        <source>for {expected} → {confirmed} ✔</source>
        <translation>pour {expected} → {confirmed} ✔</translation>
    </message>
    <message>
        <source>for {clock} ✔</source>
        <translation>pour {clock} ✔</translation>
    </message>
    <message>
        <source>for {clock}</source>
        <translation>pour {clock}</translation>
    </message>
    <message>
        <source> … (tap note for all)</source>
        <translation> … (touchez la note pour tout lire)</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>↶ UNDO</source>
        <translation>↶ ANNULER</translation>
    </message>
    <message>
        <source>Recall order {reference}?</source>
        <translation>Rappeler la commande {reference} ?</translation>
    </message>
    <message>
        <source>Recall, tell HubRise &apos;{status}&apos;</source>
        <translation>Rappeler, dire « {status} » à HubRise</translation>
    </message>
    <message>
        <source>Order {reference} → {status}</source>
        <translation>Commande {reference} → {status}</translation>
    </message>
    <message>
        <source>🖶 Order {reference} reprinting</source>
        <translation>🖶 Commande {reference} en réimpression</translation>
    </message>
    <message>
        <source>Order {reference}</source>
        <translation>Commande {reference}</translation>
    </message>
    <message>
        <source>↶ Order {reference} recalled</source>
        <translation>↶ Commande {reference} rappelée</translation>
    </message>
</context>
</TS>
