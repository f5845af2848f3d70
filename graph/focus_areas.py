"""The fixed taxonomy of social problems organisations work on and projects address.

Codes are stable identifiers used in import files; names are shown to people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FocusArea:
    code: str
    name_ru: str
    name_kk: str
    name_en: str


FOCUS_AREAS: tuple[FocusArea, ...] = (
    FocusArea("social_support", "Социальная поддержка", "Әлеуметтік қолдау", "Social support"),
    FocusArea(
        "housing_help", "Жильё для нуждающихся", "Мұқтаждарға баспана", "Housing for people in need"
    ),
    FocusArea("children_families", "Дети и семья", "Балалар және отбасы", "Children and families"),
    FocusArea(
        "disability", "Люди с инвалидностью", "Мүгедектігі бар адамдар", "People with disabilities"
    ),
    FocusArea("elderly", "Пожилые люди", "Қарт адамдар", "Older people"),
    FocusArea("youth", "Молодёжная политика", "Жастар саясаты", "Youth"),
    FocusArea(
        "patriotic_education",
        "Патриотическое воспитание",
        "Патриоттық тәрбие",
        "Patriotic education",
    ),
    FocusArea("veterans", "Ветераны", "Ардагерлер", "Veterans"),
    FocusArea("health", "Здоровье", "Денсаулық", "Health"),
    FocusArea("education", "Образование", "Білім беру", "Education"),
    FocusArea("ecology", "Экология", "Экология", "Environment"),
    FocusArea("culture", "Культура и язык", "Мәдениет және тіл", "Culture and language"),
    FocusArea("sport", "Спорт", "Спорт", "Sport"),
    FocusArea("volunteering", "Волонтёрство", "Волонтерлік", "Volunteering"),
    FocusArea(
        "civic_engagement", "Гражданское участие", "Азаматтық белсенділік", "Civic engagement"
    ),
    FocusArea("legal_aid", "Правовая помощь", "Құқықтық көмек", "Legal aid"),
    FocusArea("rural_development", "Развитие села", "Ауылды дамыту", "Rural development"),
    FocusArea("ngo_capacity", "Развитие НПО", "ҮЕҰ-ны дамыту", "NGO capacity building"),
)

FOCUS_AREA_CODES: frozenset[str] = frozenset(f.code for f in FOCUS_AREAS)
