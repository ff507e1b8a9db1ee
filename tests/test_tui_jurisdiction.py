"""The jurisdiction set up on the app's first start: asked once, validated, written beside the register."""

from __future__ import annotations

import tomllib

from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.tui.screens.forms.model_form import ModelForm

from .tui_support import SIZE, make_app, settle


async def test_the_first_start_asks_for_the_jurisdiction_and_writes_it(tmp_path):
    with Store(tmp_path / "register.db", settings=Settings(), operator="测试员") as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            form = app.screen
            assert isinstance(form, ModelForm) and app.focused.id == "field-name"
            await pilot.press("ctrl+s")  # nothing filled in: refused, field by field
            await pilot.pause()
            assert "必须填写" in str(form.query_one("#error-name").render())
            assert not store.settings_path.exists()
            for key, value in (
                ("name", "石门县"),
                ("bureau", "石门县司法局"),
                ("authority", "石门县人民政府"),
            ):
                form.query_one(f"#field-{key}").value = value
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, ModelForm)
            assert app.sub_title.startswith("石门县司法局")
            assert (
                store.settings.jurisdiction.name == "石门县"
                and store.settings.issuing_authority == "石门县人民政府"
            )
        written = tomllib.loads(store.settings_path.read_text(encoding="utf-8"))
        assert written["jurisdiction"]["name"] == "石门县" and written["training"]["required_hours"] == 60


async def test_a_register_set_up_opens_without_the_form(sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ModelForm)
