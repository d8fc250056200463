def test_the_home_page_says_what_razem_is(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Razem" in response.text
