"""Words and two-word phrases that mark page chrome, in the languages storyline meets most often.

They are one feature among many, never the method: a marker in a short line ("Teilen", "Leave a
Reply") is strong evidence, the same word inside a sentence of body text is not, and the model
weighs that. Lists are lower-case; words are matched as whole words after lower-casing, phrases as
two consecutive words of the same line. Languages: en, de, fr, es, it, pt, nl, ru, uk, pl, tr.
"""

from __future__ import annotations

# Category keys double as feature-name suffixes; REASONS maps them to RemovedLine reasons.
MARKER_CATEGORIES = (
    "navigation",
    "share",
    "cookie",
    "related",
    "comment",
    "comment_form",
    "credits",
)

REASONS = {
    "navigation": "navigation",
    "share": "share-button",
    "cookie": "cookie-or-newsletter",
    "related": "related-links",
    "comment": "comment",
    "comment_form": "comment-form",
    "credits": "credits",
}

# Whitespace-separated words per category (kept as plain strings so the lists stay compact).
_WORDS = {
    "navigation": (
        "home menu search login logout skip navigation sitemap contact sections homepage "
        "startseite suche anmelden accueil recherche connexion inicio buscar "
        "búsqueda cerca accedi início pesquisar entrar zoeken inloggen главная поиск войти меню "
        "головна пошук увійти szukaj zaloguj strona anasayfa giriş arama "
    ),
    "share": (
        "share shares tweet facebook twitter whatsapp telegram linkedin pinterest reddit email "
        "e-mail print copy link vk viber teilen drucken partager imprimer compartir imprimir "
        "condividi stampa compartilhe compartilhar delen поделиться поділитися udostępnij paylaş "
        "paylas copied flipboard messenger "
    ),
    "cookie": (
        "cookie cookies newsletter newsletters subscribe subscription subscribers privacy consent "
        "gdpr unsubscribe inbox signup abonnieren abonnement datenschutz einwilligung abonnez "
        "abonner confidentialité suscríbete suscribirse suscripción privacidad iscriviti abbonati "
        "assine inscreva privacidade aanmelden abonneer подписаться подписка підписатися підписка "
        "subskrybuj prywatności abone çerez bülten gizlilik "
    ),
    "related": (
        "related recommended trending popular stories headlines latest videos watch advertisement "
        "sponsored promoted ads ad weitere empfohlen anzeige werbung meistgelesen aussi publicité "
        "relacionadas relacionados recomendado publicidad correlati pubblicità publicidade "
        "gerelateerd advertentie читайте реклама популярное популярне polecane reklama czytaj "
        "ilgili reklam tags topics schlagworte themen étiquettes etiquetas теги тэги "
    ),
    "comment": (
        "comment comments commented reply replies replied likes liked upvote downvote report "
        "permalink kommentar kommentare antworten antwort commentaire commentaires répondre "
        "comentario comentarios responder commento commenti rispondi comentário comentários "
        "reactie reacties reageer комментарий комментарии ответить коментар коментарі відповісти "
        "komentarz komentarze odpowiedz yorum yorumlar yanıtla "
    ),
    "comment_form": (
        "akismet captcha required fields moderation moderated posting submit erforderlich "
        "pflichtfelder obligatoires obligatorios obbligatori obrigatórios verplicht обязательные "
        "обов'язкові wymagane zorunlu gravatar disqus "
    ),
    "credits": (
        "photo photos image images getty reuters afp ap dpa epa copyright reporting editing "
        "credit source foto bild quelle fuente fonte bron фото источник джерело źródło kaynak "
        "illustration shutterstock unian tass ria інтерфакс интерфакс "
    ),
}

# Two-word phrases, separated by '|'.
_PHRASES = {
    "navigation": ("skip to|main content|zum inhalt|aller au|ir al|vai al|"),
    "share": ("share this|share on|teilen auf|partager sur|compartir en|"),
    "cookie": ("sign up|sign in|your inbox|our newsletter|accept all|"),
    "related": (
        "read more|read also|see also|more from|top stories|you may|might like|lesen sie|"
        "mehr zum|auch interessant|lire aussi|à lire|te puede|puede interesar|leggi anche|"
        "leia também|lees ook|читайте также|читайте також|czytaj także|zobacz też|"
        "ilgili haberler|"
    ),
    "comment": (
        "liked by|log out|log in|add comment|post comment|your comment|dein kommentar|"
        "votre commentaire|tu comentario|il tuo|seu comentário|ваш комментарий|ваш коментар|"
        "twój komentarz|"
    ),
    "comment_form": (
        "leave a|commenting using|reduce spam|email address|will not|not be|be published|"
        "wird nicht|ne sera|no será|non sarà|"
    ),
    "credits": ("photo by|image credit|all rights|rights reserved|"),
}

MARKER_WORDS: dict[str, tuple[str, ...]] = {
    category: tuple(words.split()) for category, words in _WORDS.items()
}
MARKER_PHRASES: dict[str, tuple[str, ...]] = {
    category: tuple(phrase for phrase in phrases.split("|") if phrase)
    for category, phrases in _PHRASES.items()
}
