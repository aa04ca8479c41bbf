"""Setting up this screen in a kitchen of several: its name, its station (or expo), the rules.

Everything is touch-sized. The rules are copied from one screen to another as a small file
(Export / Import), so they are typed once; kds.kitchen.stations checks every edit and file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kds.kitchen.stations import (
    KIND_WORDS,
    RULE_KINDS,
    BadRules,
    Routing,
    ScreenRole,
    StationRule,
    make_routing,
)
from kds.kitchen.words import QT_TRANSLATE_NOOP
from kds.ui.connect.widgets import MUTED, big_button, plain_label
from kds.ui.i18n import translate

ONLY_SCREEN = QT_TRANSLATE_NOOP("Stations", "Only screen")   # keys; shown translated
EXPO = QT_TRANSLATE_NOOP("Stations", "Expo (pass)")


def role_words(role: ScreenRole) -> str:
    """What the connection screen says this screen is."""
    name = role.name or translate("Stations", "This screen")
    if role.expo:
        return translate("Stations", "{name} — expo: every order, each station's progress").format(
            name=name)
    if role.station:
        return translate("Stations", "{name} — {station} station: only its items").format(
            name=name, station=role.station)
    return translate("Stations", "{name} — the only screen: every item").format(name=name)


def _field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setPlaceholderText(placeholder)
    field.setMinimumHeight(56)
    field.setStyleSheet("font-size: 22px;")
    field.setMaxLength(30)
    return field


class ScreenSetup(QWidget):
    saved = Signal(object, object)   # ScreenRole, Routing
    closed = Signal()

    def __init__(self, role: ScreenRole, routing: Routing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenSetup")
        self.routing = routing
        self.rules: list[StationRule] = list(routing.rules)
        self.role_buttons: dict[str, QPushButton] = {}
        self._build()
        self.name_field.setText(role.name)
        self.default_field.setText(routing.default_station or "")
        self._show_rules()
        self._show_roles(EXPO if role.expo else role.station or ONLY_SCREEN)

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(10)
        column.addWidget(plain_label(translate("Stations", "This screen"), 32, bold=True))
        top = QHBoxLayout()
        self.name_field = _field(translate("Stations", "Name on this screen, e.g. Grill"))
        top.addWidget(self.name_field, 1)
        self.default_field = _field(
            translate("Stations", "Default station (what no rule matches)"))
        top.addWidget(self.default_field, 1)
        column.addLayout(top)
        self.roles_row = QHBoxLayout()
        self.role_group = QButtonGroup(self)
        self.role_group.setExclusive(True)
        column.addLayout(self.roles_row)
        column.addWidget(plain_label(translate("Stations", "Rules: the first that matches an item sends it to its "
                                     "station"), 20, color=MUTED))
        self.rule_list = QListWidget()
        self.rule_list.setStyleSheet("font-size: 22px;")
        column.addWidget(self.rule_list, 1)
        column.addLayout(self._rule_editor())
        self.message = plain_label("", 20, color="#f39c12")
        column.addWidget(self.message)
        column.addLayout(self._buttons())

    def _rule_editor(self) -> QGridLayout:
        grid = QGridLayout()
        self.station_field = _field(translate("Stations", "Station, e.g. Pizza"))
        self.kind_box = QComboBox()
        self.kind_box.setMinimumHeight(56)
        self.kind_box.setStyleSheet("font-size: 22px;")
        for kind in RULE_KINDS:
            self.kind_box.addItem(translate("Stations", KIND_WORDS[kind]), kind)
        self.value_field = _field(translate("Stations", "Value, e.g. Pizzas"))
        self.value_field.setMaxLength(80)
        add = big_button(translate("Stations", "Add rule"))
        remove = big_button(translate("Stations", "Remove selected"))
        add.clicked.connect(self.add_rule)
        remove.clicked.connect(self.remove_selected)
        for col, widget in enumerate((self.station_field, self.kind_box, self.value_field, add,
                                      remove)):
            grid.addWidget(widget, 0, col)
        return grid

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.import_button = big_button(translate("Stations", "Import rules file"))
        self.export_button = big_button(translate("Stations", "Export rules file"))
        self.save_button = big_button(translate("Stations", "Save"), role="primaryButton")
        self.back_button = big_button(translate("Stations", "Back"))
        self.import_button.clicked.connect(self._ask_import)
        self.export_button.clicked.connect(self._ask_export)
        self.save_button.clicked.connect(self.save)
        self.back_button.clicked.connect(self.closed)
        for button in (self.import_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.save_button)
        return row

    # -- state ----------------------------------------------------------------------------
    def _show_rules(self) -> None:
        self.rule_list.clear()
        for rule in self.rules:   # QListWidgetItem text is plain text
            kind = translate("Stations", KIND_WORDS[rule.kind])
            self.rule_list.addItem(QListWidgetItem(f"{rule.station}  ←  {kind}: {rule.value}"))

    def _show_roles(self, chosen: str) -> None:
        for button in self.role_buttons.values():
            self.role_group.removeButton(button)
            button.deleteLater()
        self.role_buttons = {}
        stations = self._routing_or_none()
        names = [ONLY_SCREEN, EXPO, *(stations.stations if stations else ())]
        for name in names:
            words = translate("Stations", name) if name in (ONLY_SCREEN, EXPO) else \
                translate("Stations", "{name} station").format(name=name)
            button = big_button(words, height=56, size=20)
            button.setCheckable(True)
            button.setChecked(name == chosen)
            self.role_group.addButton(button)
            self.roles_row.addWidget(button)
            self.role_buttons[name] = button
        if chosen not in self.role_buttons:
            self.role_buttons[ONLY_SCREEN].setChecked(True)

    def chosen_role(self) -> ScreenRole:
        name = self.name_field.text().strip()
        for key, button in self.role_buttons.items():
            if button.isChecked():
                if key == EXPO:
                    return ScreenRole(name, None, expo=True)
                return ScreenRole(name, None if key == ONLY_SCREEN else key)
        return ScreenRole(name)

    def _routing_or_none(self) -> Routing | None:
        try:
            return self.current_routing()
        except BadRules as exc:
            self.message.setText(str(exc))
            return None

    def current_routing(self) -> Routing:
        return make_routing(self.rules, self.default_field.text().strip() or None,
                            self.routing.extra_stations)

    # -- actions --------------------------------------------------------------------------
    def add_rule(self) -> None:
        kind = self.kind_box.currentData()
        try:
            rule = make_routing([StationRule(self.station_field.text(), kind,
                                             self.value_field.text())]).rules[0]
            make_routing([*self.rules, rule], self.default_field.text().strip() or None)
        except BadRules as exc:
            self.message.setText(str(exc))
            return
        self.rules.append(rule)
        self.value_field.clear()
        self.message.setText("")
        self._show_rules()
        self._show_roles(self._chosen_key())

    def remove_selected(self) -> None:
        row = self.rule_list.currentRow()
        if 0 <= row < len(self.rules):
            del self.rules[row]
            self._show_rules()
            self._show_roles(self._chosen_key())

    def _chosen_key(self) -> str:
        for key, button in self.role_buttons.items():
            if button.isChecked():
                return key
        return ONLY_SCREEN

    def save(self) -> bool:
        routing = self._routing_or_none()
        if routing is None:
            return False
        role = self.chosen_role()
        if role.station is not None and role.station not in routing.stations:
            self.message.setText(translate("Stations", "No rule or default sends items to {station}")
                                 .format(station=role.station))
            return False
        self.message.setText(translate("Stations", "Saved."))
        self.saved.emit(role, routing)
        return True

    def import_from(self, path: Path) -> bool:
        """Take another screen's rules file; the rules on screen change only when it is one."""
        try:
            routing = Routing.from_json(path.read_text(encoding="utf-8")[:200_000])
        except (OSError, UnicodeDecodeError, BadRules) as exc:
            self.message.setText(translate("Stations", "Not imported: {reason}").format(reason=exc))
            return False
        self.routing, self.rules = routing, list(routing.rules)
        self.default_field.setText(routing.default_station or "")
        self._show_rules()
        self._show_roles(self._chosen_key())
        self.message.setText(translate("Stations", "Imported {count} rules — Save to keep them.")
                             .format(count=len(self.rules)))
        return True

    def export_to(self, path: Path) -> bool:
        routing = self._routing_or_none()
        if routing is None:
            return False
        try:
            path.write_text(routing.to_json(), encoding="utf-8")
        except OSError as exc:
            self.message.setText(translate("Stations", "Not exported: {reason}").format(reason=exc))
            return False
        self.message.setText(translate("Stations", "Rules written to {file}").format(file=path.name))
        return True

    def _ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Station rules file", "",
                                              "Station rules (*.json)")
        if name:
            self.import_from(Path(name))

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Station rules file", "stations.json",
                                              "Station rules (*.json)")
        if name:
            self.export_to(Path(name))

